/** The spatial index of reference areas (communes, grid cells, départements) that records are degraded to. */
package org.naturaflux.sensitivity.area;
