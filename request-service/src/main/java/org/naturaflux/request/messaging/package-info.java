/** Kafka: the outbox relay that publishes export commands, and the consumer of the workers' run events. */
package org.naturaflux.request.messaging;
