/** CSV files: RFC 4180, UTF-8, a header row of field codes, the geometry as a WKT column. */
package org.naturaflux.format.csv;
