/** Object storage: signed download URLs on the public endpoint, deletion of expired files. */
package org.naturaflux.request.storage;
