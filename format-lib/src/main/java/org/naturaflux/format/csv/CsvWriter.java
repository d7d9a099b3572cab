package org.naturaflux.format.csv;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.format.AbstractFormatWriter;
import org.naturaflux.format.EncodedGeometries;
import org.naturaflux.format.FieldLayout;
import org.naturaflux.format.FileSink;
import org.naturaflux.format.ValueFormatter;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.CsvDateFormat;
import org.naturaflux.model.spec.CsvPreset;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.Violation;

/**
 * Writes CSV as RFC 4180 describes it, in UTF-8.
 *
 * <ul>
 *   <li>The first record is the header: the fields' codes ({@code id_synthese;date_debut;...}).</li>
 *   <li>Delimiter {@code ,} or {@code ;} ({@link ExportOptions#csvDelimiter()}); records end with CRLF, as
 *       RFC 4180 says (line breaks inside a quoted value are kept as they are).</li>
 *   <li>With {@link ExportOptions#csvBom()} the file starts with the UTF-8 byte order mark, which Excel needs
 *       to read UTF-8.</li>
 *   <li>A value is quoted ({@code "}, inner quotes doubled) when it holds the delimiter, a quote, CR or LF,
 *       or starts or ends with a space or a tab; an empty text is written {@code ""} so that it differs
 *       from a null, which is an empty cell.</li>
 *   <li>Values are written as {@link ValueFormatter} says (ISO dates, {@code .} decimals never in exponent
 *       form, {@code true} / {@code false}, the geometry as WKT in the {@code geometrie_wkt_4326} column); the
 *       row's feature geometry is not written otherwise.</li>
 * </ul>
 *
 * <p>{@link ExportOptions#csvPreset()} chooses for whom ({@link CsvPreset}); each column is written by its
 * type in the field catalogue ({@link FieldLayout#type}):
 * <ul>
 *   <li>{@code standard}: values verbatim, as above: a text starting with {@code =} is not neutralised,
 *       since these files feed scripts that expect the data unchanged.</li>
 *   <li>{@code excel-fr} (delimiter {@code ;} and BOM, checked by the options): DECIMAL cells with a decimal
 *       comma ({@code 48,8566}; the WKT keeps its points: it is a GEOMETRY cell); DATE and TIMESTAMP cells
 *       as {@link ExportOptions#csvDateFormat()} says ({@code 01/05/2024}, {@code 01/05/2024 10:15:30});
 *       TEXT cells starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a CR neutralised the
 *       way OWASP recommends against formula injection: a single quote before the text, the cell quoted
 *       ({@code "'=1+1"}). Numbers are never neutralised: {@code -3} in an INTEGER column stays a number.</li>
 * </ul>
 *
 * <p>Memory: one record's text plus fixed buffers, and the cells of the last geometries written
 * ({@link EncodedGeometries}, bounded by {@link WriterSettings}): a degraded record's WKT is written once per
 * area, then copied.
 */
public final class CsvWriter extends AbstractFormatWriter {

    private static final String RECORD_END = "\r\n";
    private static final int FLUSH_AT = 32 * 1024;

    private final FileSink output;
    private final Writer writer;
    private final char delimiter;
    private final boolean excel;
    private final boolean frenchDates;
    private final ValueFormatter formatter = new ValueFormatter();
    private final EncodedGeometries<String> geometryCells;
    private final StringBuilder record = new StringBuilder(FLUSH_AT + 4096);
    private char[] chars = new char[FLUSH_AT + 4096];

    private CsvWriter(FieldLayout layout, FileSink output, ExportOptions options, WriterSettings settings) {
        super(ExportFormat.CSV, layout);
        this.output = output;
        this.writer = new OutputStreamWriter(output.content(), StandardCharsets.UTF_8);
        this.delimiter = options.csvDelimiter();
        this.excel = options.csvPreset() == CsvPreset.EXCEL_FR;
        this.frenchDates = excel && options.csvDateFormat() == CsvDateFormat.FRENCH;
        this.geometryCells = EncodedGeometries.of(settings, String::length);
    }

    /**
     * Opens a CSV file and writes its header.
     *
     * @param target  the uncompressed file's path ({@code .gz} or {@code .zip} is appended when compressed)
     * @param layout  the export's fields
     * @param options the flux's options (delimiter, BOM, preset, date format, compression)
     * @throws IllegalArgumentException when the options are invalid ({@link ExportOptions#violations})
     */
    public static CsvWriter open(Path target, FieldLayout layout, ExportOptions options) throws IOException {
        return open(target, layout, options, WriterSettings.defaults());
    }

    /**
     * Opens a CSV file and writes its header.
     *
     * @param target   the uncompressed file's path ({@code .gz} or {@code .zip} is appended when compressed)
     * @param layout   the export's fields
     * @param options  the flux's options (delimiter, BOM, preset, date format, compression)
     * @param settings the geometry cache's bounds
     * @throws IllegalArgumentException when the options are invalid ({@link ExportOptions#violations})
     */
    public static CsvWriter open(Path target, FieldLayout layout, ExportOptions options, WriterSettings settings)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(settings, "settings");
        List<Violation> violations = options.violations("/options");
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid CSV options: " + violations);
        }
        FileSink output = FileSink.create(target, ExportFormat.CSV, options.compression());
        CsvWriter csv = new CsvWriter(layout, output, options, settings);
        try {
            csv.writeHeader(options.csvBom());
        } catch (IOException | RuntimeException e) {
            output.abort();
            throw e;
        }
        return csv;
    }

    private void writeHeader(boolean bom) throws IOException {
        if (bom) {
            record.append('\uFEFF');
        }
        FieldLayout layout = layout();
        for (int i = 0; i < layout.size(); i++) {
            if (i > 0) {
                record.append(delimiter);
            }
            appendText(layout.field(i).code());
        }
        record.append(RECORD_END);
        drain();
    }

    @Override
    protected void writeRow(ObservationRow row, Object[] values) throws IOException {
        FieldLayout layout = layout();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                record.append(delimiter);
            }
            Object value = values[i];
            if (value == null) {
                continue;
            }
            FieldType type = layout.type(i);
            if (excel) {
                appendExcel(type, value);
                continue;
            }
            switch (type) {
                case TEXT, JSON -> appendText(formatter.text(type, value));
                case GEOMETRY -> appendGeometry((Geometry) value);
                default -> formatter.append(record, type, value);
            }
        }
        record.append(RECORD_END);
        if (record.length() >= FLUSH_AT) {
            drain();
        }
    }

    /** Appends a cell of the {@code excel-fr} preset (see the class description). */
    private void appendExcel(FieldType type, Object value) throws IOException {
        switch (type) {
            case TEXT -> {
                String text = (String) value;
                if (!text.isEmpty() && isFormulaStart(text.charAt(0))) {
                    appendQuoted("'", text);
                } else {
                    appendText(text);
                }
            }
            case JSON -> appendText(formatter.text(type, value));
            case GEOMETRY -> appendGeometry((Geometry) value);
            case DECIMAL -> {
                int start = record.length();
                if (formatter.append(record, type, value)) {
                    int point = record.indexOf(".", start);
                    if (point >= 0) {
                        record.setCharAt(point, ',');
                    }
                }
            }
            case DATE -> {
                if (frenchDates) {
                    ValueFormatter.appendFrenchDate(record, (LocalDate) value);
                } else {
                    formatter.append(record, type, value);
                }
            }
            case TIMESTAMP -> {
                if (frenchDates) {
                    ValueFormatter.appendFrenchTimestamp(record, (LocalDateTime) value);
                } else {
                    formatter.append(record, type, value);
                }
            }
            default -> formatter.append(record, type, value);
        }
    }

    /** Appends a geometry's WKT cell (quoted when the delimiter is {@code ,}), encoded once per instance. */
    private void appendGeometry(Geometry geometry) throws IOException {
        if (geometryCells.caches(geometry)) {
            record.append(geometryCells.get(geometry, this::geometryCell));
        } else {
            appendText(formatter.wkt(geometry));
        }
    }

    /** The cell of a geometry's WKT, as {@link #appendText} writes it. */
    private String geometryCell(Geometry geometry) {
        int start = record.length();
        appendText(formatter.wkt(geometry));
        String cell = record.substring(start);
        record.setLength(start);
        return cell;
    }

    /** The first characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
    private static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }


    /** Appends a text cell, quoted when RFC 4180 (or a reader trimming spaces) needs it. */
    private void appendText(String text) {
        int length = text.length();
        if (length == 0) {
            record.append("\"\"");
            return;
        }
        boolean quote = isSpace(text.charAt(0)) || isSpace(text.charAt(length - 1));
        for (int i = 0; i < length && !quote; i++) {
            char c = text.charAt(i);
            quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            record.append(text);
            return;
        }
        appendQuoted("", text);
    }

    /** Appends {@code "prefix text"}, the text's quotes doubled. */
    private void appendQuoted(String prefix, String text) {
        record.append('"').append(prefix);
        int start = 0;
        for (int i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
            record.append(text, start, i + 1).append('"');
            start = i + 1;
        }
        record.append(text, start, text.length()).append('"');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private void drain() throws IOException {
        int length = record.length();
        if (chars.length < length) {
            chars = new char[length];
        }
        record.getChars(0, length, chars, 0);
        writer.write(chars, 0, length);
        record.setLength(0);
        if (chars.length > 4 * FLUSH_AT) {
            // one huge value passed: give its memory back
            chars = new char[FLUSH_AT + 4096];
            record.trimToSize();
            record.ensureCapacity(FLUSH_AT + 4096);
        }
    }

    @Override
    protected WrittenFile finishFile(long rows) throws IOException {
        drain();
        writer.flush();
        return output.finish(rows);
    }

    @Override
    protected void abortFile() {
        output.abort();
    }
}
