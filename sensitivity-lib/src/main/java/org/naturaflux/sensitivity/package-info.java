/**
 * sensitivity-lib: decides each observation's effective diffusion level and degrades it so that no
 * field reveals a location finer than that level.
 *
 * <ul>
 *   <li>{@link org.naturaflux.sensitivity.rules} — the level rules ({@code SensitivityRules}) and the
 *       {@code SelectionPlan} they reduce to for the source query;</li>
 *   <li>{@link org.naturaflux.sensitivity.area} — the index of reference areas (communes, grid cells,
 *       départements) loaded from {@code ref_geo.l_areas};</li>
 *   <li>{@link org.naturaflux.sensitivity.degrade} — the per-record degradation, field scrubbing and
 *       the run's summary;</li>
 *   <li>{@link org.naturaflux.sensitivity.select} — the selection rule (a record belongs to a flux by
 *       its degraded area, never by its precise location) as a Java predicate.</li>
 * </ul>
 */
package org.naturaflux.sensitivity;
