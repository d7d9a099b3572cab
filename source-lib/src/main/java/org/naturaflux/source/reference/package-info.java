/** Reference data of the source: the areas degradation uses, and the areas and taxa a request may name. */
package org.naturaflux.source.reference;
