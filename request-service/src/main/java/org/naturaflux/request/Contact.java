package org.naturaflux.request;

/**
 * A person to reach about a partner or a flux.
 *
 * @param name  full name
 * @param email e-mail address
 * @param phone phone number, or null
 */
public record Contact(String name, String email, String phone) {
}
