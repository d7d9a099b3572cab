package org.naturaflux.deploy.helm;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is: the system property set by the module's pom, else found upward from here. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("naturaflux.repository.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path candidate = Path.of("").toAbsolutePath();
        while (candidate != null) {
            if (Files.isDirectory(candidate.resolve("deploy/helm/naturaflux")) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
            candidate = candidate.getParent();
        }
        throw new IllegalStateException("Cannot find the repository root (a folder holding deploy/helm/naturaflux) above "
                + Path.of("").toAbsolutePath());
    }
}
