/**
 * The data that flows through an export: observation rows (source-lib reads them, sensitivity-lib
 * degrades them, format-lib writes them) and the reference areas they are degraded to.
 */
package org.naturaflux.model.row;
