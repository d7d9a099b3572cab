/** Decisions and transactions: validation of requests, the flux life cycle, runs, scheduling, downloads, retention. */
package org.naturaflux.request.service;
