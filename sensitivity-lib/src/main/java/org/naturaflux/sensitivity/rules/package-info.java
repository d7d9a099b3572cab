/** The sensitivity rules: effective diffusion level of a pair of SENSIBILITE / NIV_PRECIS codes, labels, area types. */
package org.naturaflux.sensitivity.rules;
