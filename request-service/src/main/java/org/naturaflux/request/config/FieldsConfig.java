package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The field catalogue ({@code naturaflux.fields.*}): the platform changes it without code. */
@ConfigMapping(prefix = "naturaflux.fields")
public interface FieldsConfig {

    /** A JSON catalogue file replacing the bundled one ({@code NATURAFLUX_FIELD_CATALOGUE}); default: bundled. */
    Optional<Path> catalogueFile();

    /** The codes of the basic flux, replacing the catalogue's own ({@code NATURAFLUX_BASIC_FIELDS}, comma-separated). */
    Optional<List<String>> basic();
}
