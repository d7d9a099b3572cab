/** The worker's publication protocol over flux-storage: staging uploads, publication with the manifest last, cleanup. */
package org.naturaflux.worker.storage;
