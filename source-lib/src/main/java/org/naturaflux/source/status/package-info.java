/**
 * Taxon statuses from TAXREF's BDC statuts (protection, red lists, European directives, ZNIEFF), loaded
 * once per export under its snapshot and resolved record by record in memory from the départements of
 * each record's exported extent: {@link org.naturaflux.source.status.TaxonStatuses},
 * {@link org.naturaflux.source.status.ExtentDepartements}.
 */
package org.naturaflux.source.status;
