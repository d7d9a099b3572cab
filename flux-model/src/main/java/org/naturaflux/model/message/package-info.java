/** The messages the services exchange on Kafka, their topics and their JSON form (one schema, versioned). */
package org.naturaflux.model.message;
