/** The shared vocabulary of Naturaflux: flux specification, field catalogue, messages. */
package org.naturaflux.model;
