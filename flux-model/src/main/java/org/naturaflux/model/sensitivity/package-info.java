/**
 * The vocabulary of diffusion levels shared by sensitivity-lib (which owns the rules) and source-lib
 * (which applies the rules' result, a {@link org.naturaflux.model.sensitivity.SelectionPlan}, in SQL).
 */
package org.naturaflux.model.sensitivity;
