/** Reference data of the source: areas for the sensitivity index, and checks of areas and taxa named by requests. */
package org.naturaflux.source.reference;
