/**
 * The request-service: partners and their tokens, flux requests and their life cycle, scheduling, run
 * tracking, signed download URLs and retention. The persistent entities live here; {@code rest} answers
 * HTTP, {@code service} decides, {@code repository} queries, {@code messaging} talks to Kafka,
 * {@code storage} to S3, {@code security} authenticates, {@code config} holds the settings.
 */
package org.naturaflux.request;
