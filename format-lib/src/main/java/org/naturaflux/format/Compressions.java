package org.naturaflux.format;

import java.nio.file.Path;
import org.naturaflux.model.spec.Compression;

/** File names under compression: gzip appends {@code .gz}, zip appends {@code .zip}. */
final class Compressions {

    static final String GZIP_SUFFIX = ".gz";
    static final String ZIP_SUFFIX = ".zip";

    private Compressions() {
    }

    /** The path of the file written for {@code target} under {@code compression}. */
    static Path compressedPath(Path target, Compression compression) {
        return switch (compression) {
            case NONE -> target;
            case GZIP -> target.resolveSibling(target.getFileName() + GZIP_SUFFIX);
            case ZIP -> target.resolveSibling(target.getFileName() + ZIP_SUFFIX);
        };
    }
}
