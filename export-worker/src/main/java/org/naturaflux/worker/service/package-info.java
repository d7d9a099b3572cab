/** One export command end to end: idempotency, the pipeline source -> sensitivity -> formats, retries, events. */
package org.naturaflux.worker.service;
