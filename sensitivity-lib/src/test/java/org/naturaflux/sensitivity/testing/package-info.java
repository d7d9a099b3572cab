/** Test fixtures: reference areas in EPSG:2154 with known EPSG:4326 counterparts, rows with canaries, geometry assertions. */
package org.naturaflux.sensitivity.testing;
