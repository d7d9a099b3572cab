package org.naturaflux.worker.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file a writer will fill in order and never rewrite, uploaded while it grows ({@link LiveUploads}).
 *
 * @param path      where it will be on disk (it may not exist yet)
 * @param mediaType the content type it is published with (set when its upload starts)
 */
public record GrowingFile(Path path, String mediaType) {
    public GrowingFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
