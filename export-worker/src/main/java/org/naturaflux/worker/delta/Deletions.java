package org.naturaflux.worker.delta;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The records of the base run that the current run no longer exports (deleted from the source, moved
 * out of the territory or the taxa, or withheld now), found by walking both sorted indexes once, and
 * written as a CSV file with one column, {@code id_synthese}.
 */
public final class Deletions {

    /** The CSV header: the column partners join on. */
    public static final String COLUMN = "id_synthese";

    private Deletions() {
    }

    /** Writes the deleted ids to {@code target}; returns how many. */
    public static long write(RecordIndex base, RecordIndex current, Path target) throws IOException {
        long deleted = 0;
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write(COLUMN);
            out.write("\r\n");
            int c = 0;
            for (int b = 0; b < base.size(); b++) {
                long id = base.idAt(b);
                while (c < current.size() && current.idAt(c) < id) {
                    c++;
                }
                if (c >= current.size() || current.idAt(c) != id) {
                    out.write(Long.toString(id));
                    out.write("\r\n");
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
