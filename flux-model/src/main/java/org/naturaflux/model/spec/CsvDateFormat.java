package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How CSV cells write dates and timestamps.
 *
 * <ul>
 *   <li>{@code iso} (default): {@code 2024-05-01}, {@code 2024-05-01T10:15:30}.</li>
 *   <li>{@code jj/mm/aaaa}: {@code 01/05/2024}, {@code 01/05/2024 10:15:30} (a fraction of a second, when
 *       there is one, after a decimal comma: {@code 10:15:30,5}); only with the {@code excel-fr} preset.</li>
 * </ul>
 */
public enum CsvDateFormat implements Coded {
    ISO("iso"), FRENCH("jj/mm/aaaa");

    private final String code;

    CsvDateFormat(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static CsvDateFormat fromCode(String code) {
        return Coded.parse(CsvDateFormat.class, code);
    }
}
