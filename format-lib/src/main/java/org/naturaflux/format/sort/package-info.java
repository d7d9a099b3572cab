/** External merge sort of fixed-width records by a leading 64-bit key, in bounded memory and bounded open files. */
package org.naturaflux.format.sort;
