/** The export query: catalogue fields to SQL, territory and taxa pushed down to PostGIS, rows streamed. */
package org.naturaflux.source.query;
