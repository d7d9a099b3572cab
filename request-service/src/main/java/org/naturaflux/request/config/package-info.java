/** The service's settings: typed, documented, each overridable by an environment variable. */
package org.naturaflux.request.config;
