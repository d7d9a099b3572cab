package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How CSV cells are written, for which reader.
 *
 * <ul>
 *   <li>{@code standard} (default): RFC 4180 for programs: {@code .} decimals, ISO dates, texts verbatim;
 *       delimiter {@code ,} and no BOM unless the options say otherwise.</li>
 *   <li>{@code excel-fr}: for a spreadsheet in a French locale (Excel, LibreOffice): delimiter {@code ;} and
 *       a UTF-8 BOM (the only values it accepts), decimal comma in DECIMAL columns (never inside the WKT),
 *       dates ISO or {@code jj/mm/aaaa} ({@link CsvDateFormat}), and TEXT cells starting with {@code =},
 *       {@code +}, {@code -}, {@code @}, a tab or a CR neutralised against formula injection.</li>
 * </ul>
 */
public enum CsvPreset implements Coded {
    STANDARD("standard", ',', false), EXCEL_FR("excel-fr", ';', true);

    private final String code;
    private final char delimiter;
    private final boolean bom;

    CsvPreset(String code, char delimiter, boolean bom) {
        this.code = code;
        this.delimiter = delimiter;
        this.bom = bom;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    /** The delimiter when the options name none. */
    public char defaultDelimiter() {
        return delimiter;
    }

    /** Whether files start with a BOM when the options do not say. */
    public boolean defaultBom() {
        return bom;
    }

    @JsonCreator
    public static CsvPreset fromCode(String code) {
        return Coded.parse(CsvPreset.class, code);
    }
}
