/** Thin JAX-RS resources (map the wire model, call a service, answer) and the error mappers. */
package org.naturaflux.request.rest;
