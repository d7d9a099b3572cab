/** The local disk exports write to before upload: a locked folder per process, one sub-folder per execution. */
package org.naturaflux.worker.scratch;
