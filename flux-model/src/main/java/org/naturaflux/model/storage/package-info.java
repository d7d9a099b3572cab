/** Where runs' files live in the bucket: the one layout the worker writes by and the request-service checks by. */
package org.naturaflux.model.storage;
