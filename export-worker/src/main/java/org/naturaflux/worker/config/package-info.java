/** The worker's typed settings, read from {@code application.properties} and the environment. */
package org.naturaflux.worker.config;
