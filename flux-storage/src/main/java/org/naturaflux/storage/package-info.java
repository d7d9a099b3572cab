/**
 * The bucket, stated once for both services: where a run's objects live ({@link org.naturaflux.storage.StorageLayout}),
 * the manifest's schema ({@link org.naturaflux.storage.Manifest}), the calls to the store
 * ({@link org.naturaflux.storage.ObjectStore}) and download URLs signed for the public endpoint
 * ({@link org.naturaflux.storage.PublicUrlSigner}).
 */
package org.naturaflux.storage;
