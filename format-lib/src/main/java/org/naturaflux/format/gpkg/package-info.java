/** GeoPackage files: one feature table (EPSG:4326, typed columns, true extents, R-tree index) valid for GDAL. */
package org.naturaflux.format.gpkg;
