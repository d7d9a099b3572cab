/** A realistic, deterministic demo source: Île-de-France areas, a TAXREF extract and generated observations. */
package org.naturaflux.source.demo;
