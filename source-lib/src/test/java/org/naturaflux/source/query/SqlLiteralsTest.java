package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The literals of statement parameters, as text (their meaning to PostgreSQL is checked in {@link BinaryCopyTest}). */
class SqlLiteralsTest {

    @Test
    void stringsAreEscapeStringsWithQuotesAndBackslashesDoubled() throws SQLException {
        assertThat(SqlLiterals.quoted("plain")).isEqualTo("E'plain'");
        assertThat(SqlLiterals.quoted("l'été \\ ?")).isEqualTo("E'l''été \\\\ ?'");
        assertThat(SqlLiterals.quoted("'); DROP TABLE x; --")).isEqualTo("E'''); DROP TABLE x; --'");
        assertThat(SqlLiterals.quoted("\\'")).isEqualTo("E'\\\\'''");
    }

    @Test
    void everyValueIsAQuotedStringCastToItsType() throws SQLException {
        assertThat(SqlLiterals.literal("varchar", "Bufo")).isEqualTo("E'Bufo'::varchar");
        assertThat(SqlLiterals.literal("int4", -5)).isEqualTo("E'-5'::int4");
        assertThat(SqlLiterals.literal("int8", Long.MIN_VALUE)).isEqualTo("E'-9223372036854775808'::int8");
        assertThat(SqlLiterals.literal("bool", true)).isEqualTo("E'true'::bool");
        assertThat(SqlLiterals.literal("bytea", new byte[]{0, 15, (byte) 0xFF})).isEqualTo("E'\\\\x000fff'::bytea");
        assertThat(SqlLiterals.literal("varchar", null)).isEqualTo("NULL::varchar");
    }

    @Test
    void aNulCharacterAndAnUnknownSetterAreRefused() {
        assertThatThrownBy(() -> SqlLiterals.quoted("a\0b")).isInstanceOf(SQLException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> SqlLiterals.of((st, i) -> st.setDouble(i, 1.5), null))
                .isInstanceOf(SQLException.class).hasMessageContaining("setDouble");
        assertThatThrownBy(() -> SqlLiterals.of((st, i) -> { }, null))
                .isInstanceOf(SQLException.class).hasMessageContaining("no value");
    }

    @Test
    void aQuestionMarkOfTheTextIsNoParameter() throws SQLException {
        SqlText sql = new SqlText().add("SELECT '?' || ").param((st, i) -> st.setString(i, "a?b"))
                .add(new SqlText().add(", ").param((st, i) -> st.setInt(i, 7)));
        assertThat(sql.inline(null)).isEqualTo("SELECT '?' || E'a?b'::varchar, E'7'::int4");
    }
}
