package org.naturaflux.request.service;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.naturaflux.model.spec.Violation;
import org.naturaflux.request.config.TermsConfig;

/**
 * The current redistribution terms (version and French text, {@link TermsConfig}), read once at start: a
 * configured file that cannot be read stops the service rather than serve no terms. A flux request
 * accepts them by naming their version ({@code termsAccepted}).
 */
@Startup
@ApplicationScoped
public class Terms {

    /** The bundled text, used when no file is configured. */
    static final String BUNDLED = "/terms/redistribution-fr.md";

    private final String version;
    private final String text;

    Terms(TermsConfig config) {
        this.version = config.version().strip();
        if (version.isEmpty()) {
            throw new IllegalStateException("naturaflux.terms.version (NATURAFLUX_TERMS_VERSION) must not be blank");
        }
        this.text = config.file().filter(file -> !file.isBlank()).map(Terms::read).orElseGet(Terms::bundled);
    }

    /** The current version. */
    public String version() {
        return version;
    }

    /** The text, in French (Markdown). */
    public String text() {
        return text;
    }

    /** What is wrong with the version a request accepted (null: not given), at {@code /termsAccepted}; empty if it is current. */
    public Optional<Violation> problem(String accepted) {
        if (accepted == null) {
            return Optional.of(new Violation("/termsAccepted", "is required: the version of the redistribution terms "
                    + "accepted (GET /api/v1/terms; current version '" + version + "')"));
        }
        if (!accepted.equals(version)) {
            return Optional.of(new Violation("/termsAccepted", "'" + accepted + "' is not the current version of the "
                    + "redistribution terms ('" + version + "', GET /api/v1/terms)"));
        }
        return Optional.empty();
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the terms file naturaflux.terms.file (NATURAFLUX_TERMS_FILE) " + file, e);
        }
    }

    private static String bundled() {
        try (InputStream in = Terms.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled terms " + BUNDLED + " are missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
