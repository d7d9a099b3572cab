/** The flux specification: territory, taxa, fields, formats, options and record filters, as carried in export commands. */
package org.naturaflux.model.spec;
