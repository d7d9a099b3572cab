package org.naturaflux.model.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An option value named in the API by a lower-case code. */
public interface Coded {

    String code();

    /**
     * The constant of {@code type} whose code is {@code code} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted codes
     */
    static <E extends Enum<E> & Coded> E parse(Class<E> type, String code) {
        String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.code().equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Coded::code).collect(Collectors.joining(", ")));
    }
}
