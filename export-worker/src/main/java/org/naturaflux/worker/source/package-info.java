/**
 * The observation source as the worker reaches it: read-only connections, rows read ahead on a thread (the
 * area index the exports degrade to is source-lib's {@code AreaIndexCache}, produced in {@code config}).
 */
package org.naturaflux.worker.source;
