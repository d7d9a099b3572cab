/** The catalogue of exportable fields: codes, French labels, types, basic-flux flag and what each field can reveal. */
package org.naturaflux.model.field;
