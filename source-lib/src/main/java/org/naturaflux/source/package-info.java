/** Everything that reads the platform's GeoNature database, in plain JDBC. */
package org.naturaflux.source;
