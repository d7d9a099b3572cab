/** JSON files: a streamed array of objects or newline-delimited JSON, with typed values; the JSON toolkit GeoJSON shares. */
package org.naturaflux.format.json;
