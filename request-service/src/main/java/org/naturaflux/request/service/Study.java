package org.naturaflux.request.service;

/**
 * A study that needs the flux.
 *
 * @param name   its name
 * @param nature what kind of study (atlas, impact assessment, management plan...)
 */
public record Study(String name, String nature) {
}
