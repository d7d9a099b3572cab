/**
 * The worker's publication protocol over flux-storage: staging uploads, publication with the manifest
 * last, cleanup of staging and of what killed workers left.
 */
package org.naturaflux.worker.storage;
