package org.naturaflux.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.naturaflux.format.csv.CsvWriter;
import org.naturaflux.format.geojson.GeoJsonWriter;
import org.naturaflux.format.gpkg.GeoPackageWriter;
import org.naturaflux.format.json.JsonWriter;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.Violation;

/**
 * Opens the writer of a format.
 *
 * <pre>{@code
 * FormatWriter csv = FormatWriters.open(ExportFormat.CSV, dir.resolve("observations.csv"), fields, options);
 * FanOutWriter all = FormatWriters.openAll(Map.of(ExportFormat.CSV, dir.resolve("observations.csv"),
 *         ExportFormat.GPKG, dir.resolve("observations.gpkg")), fields, options, settings);
 * }</pre>
 *
 * <p>The caller chooses each file's name; compression appends {@code .gz} or {@code .zip} to it (see
 * {@link FileSink}). Options are checked ({@link ExportOptions#violations}) before anything is created.
 */
public final class FormatWriters {

    private FormatWriters() {
    }

    /** Opens a writer with the default {@link WriterSettings}. */
    public static FormatWriter open(ExportFormat format, Path target, List<FieldDefinition> fields,
                                    ExportOptions options) throws IOException {
        return open(format, target, fields, options, WriterSettings.defaults());
    }

    /**
     * Opens a writer.
     *
     * @param format   the format
     * @param target   the uncompressed file's path; its directory must exist
     * @param fields   the export's fields, in column order
     * @param options  the flux's options
     * @param settings the temporary directory, GeoPackage layer name and geometry cache bounds
     * @throws IllegalArgumentException when the fields or options are invalid
     */
    public static FormatWriter open(ExportFormat format, Path target, List<FieldDefinition> fields,
                                    ExportOptions options, WriterSettings settings) throws IOException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        FieldLayout layout = FieldLayout.of(fields);
        check(options);
        return switch (format) {
            case CSV -> CsvWriter.open(target, layout, options, settings);
            case JSON -> JsonWriter.open(target, layout, options, settings);
            case GEOJSON -> GeoJsonWriter.open(target, layout, options, settings);
            case GPKG -> GeoPackageWriter.open(target, layout, options, settings);
        };
    }

    /**
     * Opens one writer per format, fed together: each on a thread of its own named after the caller's
     * thread and the format ({@code export-1-write-csv}), unless {@link WriterSettings#writerThreads()} is
     * off. If one cannot be opened, those already opened are aborted.
     *
     * @param targets each format's uncompressed file path, in the order the writers are fed
     */
    public static FanOutWriter openAll(Map<ExportFormat, Path> targets, List<FieldDefinition> fields,
                                       ExportOptions options, WriterSettings settings) throws IOException {
        Objects.requireNonNull(targets, "targets");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one format is needed");
        }
        FieldLayout.of(fields);
        check(options);
        List<FormatWriter> writers = new ArrayList<>();
        try {
            for (Map.Entry<ExportFormat, Path> target : targets.entrySet()) {
                writers.add(open(target.getKey(), target.getValue(), fields, options, settings));
            }
        } catch (IOException | RuntimeException e) {
            writers.forEach(FormatWriter::close);
            throw e;
        }
        return settings.writerThreads()
                ? FanOutWriter.parallel(writers, Thread.currentThread().getName() + "-write")
                : new FanOutWriter(writers);
    }

    /**
     * The file the writer of {@code format} opened for {@code target} fills <b>in order, never going
     * back</b> (every streaming format, compressed or not): while the writer runs, every byte up to the
     * file's current size is final, so a reader may upload the file part by part as it grows. Empty
     * for a format that completes its file in place or elsewhere (the GeoPackage, a database built in
     * a work file and moved at the end).
     *
     * @param target  the uncompressed file's path, as given to {@link #open}
     * @param options the flux's options (their compression names the file)
     */
    public static Optional<Path> appendOnlyFile(ExportFormat format, Path target, ExportOptions options) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        return switch (format) {
            case CSV, JSON, GEOJSON -> Optional.of(Compressions.compressedPath(target, options.compression()));
            case GPKG -> Optional.empty();
        };
    }

    private static void check(ExportOptions options) {
        Objects.requireNonNull(options, "options");
        List<Violation> violations = options.violations("/options");
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid options: " + violations);
        }
    }
}
