/** Bearer authentication: the admin token from the configuration, partner tokens stored as SHA-256. */
package org.naturaflux.request.security;
