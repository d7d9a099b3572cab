/** Degradation of one record to its diffusion level: geometry to the union of areas, field scrubbing, run summary. */
package org.naturaflux.sensitivity.degrade;
