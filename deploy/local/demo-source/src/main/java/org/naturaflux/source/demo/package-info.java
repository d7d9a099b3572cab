/**
 * A stand-in GeoNature source: the schema subset Naturaflux reads, and a realistic, deterministic demo
 * (Île-de-France areas, a TAXREF extract and generated observations).
 */
package org.naturaflux.source.demo;
