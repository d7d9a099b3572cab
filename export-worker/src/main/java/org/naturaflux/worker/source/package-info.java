/** The observation source as the worker reaches it: read-only connections, rows read ahead on a thread, the cached area index. */
package org.naturaflux.worker.source;
