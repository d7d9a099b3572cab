/**
 * One export command end to end, in four roles:
 * <ul>
 *   <li>{@link org.naturaflux.worker.service.ExportExecutor}: the threads exports run on and the graceful
 *       stop (which export runs where, and when it is cancelled);</li>
 *   <li>{@link org.naturaflux.worker.service.ExportCommandHandler}: one delivered command: idempotency,
 *       validation, events, publication, retries, failure;</li>
 *   <li>{@link org.naturaflux.worker.service.RunFilesWriter}: one pass source -> sensitivity -> formats
 *       into local files, in one snapshot;</li>
 *   <li>{@link org.naturaflux.worker.service.LocalRunFiles}: what that pass leaves on local disk, ready to
 *       publish.</li>
 * </ul>
 * The infrastructure they use lives beside: {@code source/}, {@code scratch/}, {@code metrics/}, {@code storage/}.
 */
package org.naturaflux.worker.service;
