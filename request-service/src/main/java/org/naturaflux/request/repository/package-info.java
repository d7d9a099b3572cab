/** Queries of the service's own database (Hibernate Reactive Panache repositories). */
package org.naturaflux.request.repository;
