package org.naturaflux.source.reference;

/**
 * Case- and accent-insensitive matching without extensions in the source (GeoNature's database is read,
 * never changed: {@code unaccent} may be absent): one folding in SQL ({@link #sql}), applied to both the
 * column and the text searched, for the Latin letters of French and its neighbours.
 */
final class TextFolding {

    private static final String ACCENTED = "àáâãäåāçćčèéêëēěìíîïīñńòóôõöōùúûüūýÿžš-";
    private static final String PLAIN = "aaaaaaaccceeeeeeiiiiinnoooooouuuuuyyzs ";

    private TextFolding() {
    }

    /** The SQL expression folding {@code expression} (lower case, accents removed, hyphens as spaces, œ and æ spelled out). */
    static String sql(String expression) {
        return "replace(replace(translate(lower(" + expression + "), '" + ACCENTED + "', '" + PLAIN + "'), 'œ', 'oe'), 'æ', 'ae')";
    }

    /** {@code text} as a literal LIKE pattern: {@code %}, {@code _} and the escape character escaped. */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
