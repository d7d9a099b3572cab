/** The run's objects in S3: key layout, staging uploads, publication with the manifest last, cleanup. */
package org.naturaflux.worker.storage;
