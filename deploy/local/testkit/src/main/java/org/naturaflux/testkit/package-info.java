/** Test support against the real local stack (deploy/local): isolated databases, topics and bucket prefixes, and packaged services run as processes. */
package org.naturaflux.testkit;
