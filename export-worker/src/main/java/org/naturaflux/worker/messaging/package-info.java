/** Kafka: the command consumer (with its dead-letter handling) and the run event publisher. */
package org.naturaflux.worker.messaging;
