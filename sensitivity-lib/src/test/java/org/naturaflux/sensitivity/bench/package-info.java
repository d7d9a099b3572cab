/** JMH benchmarks of sensitivity-lib (not tests: compiled and run only by {@code bench.sh}). */
package org.naturaflux.sensitivity.bench;
