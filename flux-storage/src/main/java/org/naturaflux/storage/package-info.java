/** The bucket, once for both services: key layout, manifest schema, object store, URLs signed for the public endpoint. */
package org.naturaflux.storage;
