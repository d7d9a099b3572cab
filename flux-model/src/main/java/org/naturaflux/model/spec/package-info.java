/** The flux specification: territory, taxa, fields, formats and options, as carried in export commands. */
package org.naturaflux.model.spec;
