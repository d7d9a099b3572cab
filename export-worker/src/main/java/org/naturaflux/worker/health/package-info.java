/** Readiness checks of the worker's dependencies beside Kafka: the source database and the bucket. */
package org.naturaflux.worker.health;
