/** The GeoNature schema subset Naturaflux reads, for the demo source, tests and benchmarks. */
package org.naturaflux.source.schema;
