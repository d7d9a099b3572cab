/**
 * format-lib: streaming writers that turn observation rows into the files partners receive, in
 * constant memory whatever the row count.
 *
 * <ul>
 *   <li>this package: the common API — {@link org.naturaflux.format.FormatWriter} (one file, fed row
 *       by row), {@link org.naturaflux.format.FormatWriters} (the factory),
 *       {@link org.naturaflux.format.FanOutWriter} (one pass of rows to several formats),
 *       {@link org.naturaflux.format.WrittenFile} (path, rows, bytes and SHA-256 for the manifest),
 *       and the building blocks every format shares (field layout, value text, compressed output);</li>
 *   <li>{@link org.naturaflux.format.csv} — RFC 4180 CSV;</li>
 *   <li>{@link org.naturaflux.format.json} — a JSON array of objects, or newline-delimited JSON;</li>
 *   <li>{@link org.naturaflux.format.geojson} — RFC 7946 GeoJSON FeatureCollection;</li>
 *   <li>{@link org.naturaflux.format.gpkg} — OGC GeoPackage (one feature table, R-tree index).</li>
 * </ul>
 */
package org.naturaflux.format;
