/** The selection rule: a record belongs to a flux by its degraded geometry, never by its precise one. */
package org.naturaflux.sensitivity.select;
