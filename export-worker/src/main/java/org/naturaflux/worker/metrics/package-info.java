/** The worker's Prometheus meters. */
package org.naturaflux.worker.metrics;
