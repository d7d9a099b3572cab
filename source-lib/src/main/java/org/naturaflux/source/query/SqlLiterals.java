package org.naturaflux.source.query;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A statement parameter as an SQL literal, for the statements that take none ({@code COPY (SELECT ...)}):
 * the value a {@link SqlText.Binder} binds, recorded instead of bound, written as a quoted string cast to
 * the type the PostgreSQL driver binds it with, so that the statement means the same with the literal as
 * with the parameter. One function quotes every literal: an escape string {@code E'...'} (its backslashes
 * and quotes doubled: the same text whatever {@code standard_conforming_strings} says), then a cast.
 * <ul>
 *   <li>{@code setString}: {@code E'...'::varchar} (the driver binds strings as {@code varchar});</li>
 *   <li>{@code setBytes}: {@code E'\\x<hex>'::bytea};</li>
 *   <li>{@code setInt}, {@code setLong}, {@code setBoolean}: {@code '...'::int4}, {@code ::int8}, {@code ::bool};</li>
 *   <li>{@code setArray} of an array made by {@link Connection#createArrayOf}: the array's text (what the driver
 *       sends) cast to its element type's array, {@code E'{...}'::int4[]};</li>
 *   <li>a null value: {@code NULL} cast to the same type.</li>
 * </ul>
 * Any other setter is refused with an {@link SQLException} naming it: never a guessed literal.
 */
final class SqlLiterals {

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private SqlLiterals() {
    }

    /** The literal of the value {@code binder} binds (one value; {@code connection} makes arrays). */
    static String of(SqlText.Binder binder, Connection connection) throws SQLException {
        Object[] bound = new Object[2];
        PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(SqlLiterals.class.getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, method, args) -> record(method, args, bound, connection));
        binder.bind(recorder, 1);
        if (bound[0] == null) {
            throw new SQLException("a statement parameter's binder bound no value");
        }
        return literal((String) bound[0], bound[1]);
    }

    private static Object record(Method method, Object[] args, Object[] bound, Connection connection) throws SQLException {
        String name = method.getName();
        if (name.equals("getConnection")) {
            return connection;
        }
        String type = switch (name) {
            case "setString" -> "varchar";
            case "setBytes" -> "bytea";
            case "setInt" -> "int4";
            case "setLong" -> "int8";
            case "setBoolean" -> "bool";
            case "setArray" -> args[1] == null ? null : arrayType((Array) args[1]);
            default -> null;
        };
        if (type == null || bound[0] != null) {
            throw new SQLException("a statement parameter bound with " + name + " has no literal form (COPY takes no parameter)");
        }
        bound[0] = type;
        bound[1] = args[1];
        return null;
    }

    private static String arrayType(Array array) throws SQLException {
        String element = array.getBaseTypeName();
        if (element == null || !TYPE_NAME.matcher(element).matches()) {
            throw new SQLException("an array parameter of element type " + element + " has no literal form");
        }
        return element + "[]";
    }

    /**
     * {@code value} (a {@link String}, {@code byte[]}, {@link Integer}, {@link Long}, {@link Boolean} or
     * {@link Array}; null for NULL) as a literal of {@code type}.
     */
    static String literal(String type, Object value) throws SQLException {
        if (value == null) {
            return "NULL::" + type;
        }
        String text;
        if (value instanceof byte[] bytes) {
            text = "\\x" + HexFormat.of().formatHex(bytes);
        } else if (value instanceof Array array) {
            text = array.toString();
            if (text == null || !text.startsWith("{")) {
                throw new SQLException("an array parameter has no text form: " + text);
            }
        } else {
            text = value.toString();
        }
        return quoted(text) + "::" + type;
    }

    /** {@code text} as an escape string constant: {@code E'...'}, backslashes and quotes doubled. */
    static String quoted(String text) throws SQLException {
        StringBuilder sql = new StringBuilder(text.length() + 8).append("E'");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw new SQLException("a string parameter holds a NUL character, which PostgreSQL cannot store", "22021");
            }
            if (c == '\\' || c == '\'') {
                sql.append(c);
            }
            sql.append(c);
        }
        return sql.append('\'').toString();
    }
}
