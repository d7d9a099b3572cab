/** The log context (MDC) of the run a thread works for, and its carrying to the threads a run starts. */
package org.naturaflux.worker.logging;
