package org.naturaflux.format.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.naturaflux.format.FormatWriter;
import org.naturaflux.format.FormatWriters;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.JsonLayout;

/** Writing whole test files in one call, and option shortcuts. */
public final class Writes {

    private Writes() {
    }

    public static WrittenFile write(ExportFormat format, Path target, List<FieldDefinition> fields,
                                    List<ObservationRow> rows, ExportOptions options) throws IOException {
        return write(format, target, fields, rows, options,
                WriterSettings.defaults().withTempDirectory(target.toAbsolutePath().getParent()));
    }

    public static WrittenFile write(ExportFormat format, Path target, List<FieldDefinition> fields,
                                    List<ObservationRow> rows, ExportOptions options, WriterSettings settings)
            throws IOException {
        try (FormatWriter writer = FormatWriters.open(format, target, fields, options, settings)) {
            for (ObservationRow row : rows) {
                writer.write(row);
            }
            return writer.finish();
        }
    }

    public static ExportOptions options(Character delimiter, Boolean bom, JsonLayout layout, Integer precision,
                                        Compression compression) {
        return new ExportOptions(delimiter, bom, layout, precision, compression, null, null, null, null, null);
    }

    public static ExportOptions csv(char delimiter, boolean bom) {
        return options(delimiter, bom, null, null, null);
    }

    public static ExportOptions json(JsonLayout layout) {
        return options(null, null, layout, null, null);
    }

    public static ExportOptions precision(int decimals) {
        return options(null, null, null, decimals, null);
    }

    public static ExportOptions compressed(Compression compression) {
        return options(null, null, null, null, compression);
    }
}
