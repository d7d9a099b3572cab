/** What a GeoNature source is like, read from it: the tables and columns the exports read, its local projection. */
package org.naturaflux.source.schema;
