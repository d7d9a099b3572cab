/** The ids a log line is about (flux, run, partner), in the logging MDC; set where a request, message or job item starts. */
package org.naturaflux.request.logging;
