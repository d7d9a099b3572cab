package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The redistribution terms a partner accepts with every flux request ({@code naturaflux.terms.*}): their
 * version and their text (French). Change the version whenever the text changes: requests must then
 * carry the new one.
 */
@ConfigMapping(prefix = "naturaflux.terms")
public interface TermsConfig {

    /** The current version of the terms, as requests must name it in {@code termsAccepted}. */
    @WithDefault("1")
    String version();

    /** A UTF-8 text file replacing the bundled text ({@code terms/redistribution-fr.md}). */
    Optional<String> file();
}
