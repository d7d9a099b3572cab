package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * The binary COPY reader ({@link ExportQuery#copy}, {@link CopyRows}, {@link BinaryValues}) against the real
 * PostgreSQL: every value compared with the same statement's rows read by plain JDBC here (the driver's text
 * protocol and its getters), on a demo source whose records were given NULLs and non-ASCII text, and on a
 * statement of every column type with edge values; parameters written as literals ({@link SqlLiterals}) read
 * back by the server; a COPY closed mid-way cancelled, the connection usable again.
 */
class BinaryCopyTest {

    private static final List<FieldDefinition> ALL_FIELDS = FieldCatalogue.standard().fields();
    private static final Territory REGION = new Territory.Areas(List.of(new AreaRef("DEP", "92"), new AreaRef("DEP", "94")));
    private static final String ODD_TEXT = "Zoë Ørsted — 鳥類 🐦, l'été \\ \"cité\" ?";
    private static IsolatedDatabase database;
    private static Connection connection;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(BinaryCopyTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 5).regenerate(20_000);
        try (Statement st = connection.createStatement()) {
            // every other record of a slice: NULLs where the source allows them, odd text, JSON with escapes
            st.executeUpdate("UPDATE gn_synthese.synthese SET observers = " + SqlLiterals.quoted(ODD_TEXT)
                    + ", comment_context = NULL, count_min = NULL, altitude_max = NULL, meta_validation_date = NULL,"
                    + " additional_data = '{\"remarque\": \"très \\\"bien\\\" 🐦\", \"n\": 1.50}', unique_id_sinp_grp = NULL"
                    + " WHERE id_synthese % 7 = 0");
            st.executeUpdate("UPDATE gn_synthese.synthese SET nom_cite = 'Œdicnème criard', place_name = ''"
                    + " WHERE id_synthese % 7 = 1");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyCatalogueFieldIsTheValueJdbcReadsFromTheSameStatement() throws SQLException, ParseException {
        ExportQuery query = ExportQuery.of(REGION, TaxaFilter.all(), ALL_FIELDS, Plans.STANDARD.plan());
        Map<Long, ObservationRow> copied = copy(query);
        assertThat(copied).hasSizeGreaterThan(1000);
        assertThat(copied.values()).anyMatch(r -> ODD_TEXT.equals(r.values()[index("observateurs")]));
        assertThat(copied.values()).anyMatch(r -> r.values()[index("nombre_min")] == null);

        WKBReader wkb = new WKBReader();
        int checked = 0;
        connection.setAutoCommit(false);
        try (PreparedStatement st = connection.prepareStatement(query.inlinedSelectSql(connection));
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ObservationRow row = copied.get(rs.getLong(1));
                assertThat(row).as("record %d", rs.getLong(1)).isNotNull();
                assertThat(row.sensitivityCode()).isEqualTo(rs.getString(2));
                assertThat(row.diffusionCode()).isEqualTo(rs.getString(3));
                assertThat(row.localGeometry().equalsExact(wkb.read(rs.getBytes(4)))).isTrue();
                assertThat(row.localGeometry().getSRID()).isEqualTo(2154);
                assertThat(row.geometry().equalsExact(wkb.read(rs.getBytes(5)))).isTrue();
                assertThat(row.geometry().getSRID()).isEqualTo(4326);
                assertThat(row.datasetId()).isEqualTo(rs.getObject(6));
                assertThat(row.cdNom()).isEqualTo(rs.getObject(7));
                int column = 8;
                for (int i = 0; i < ALL_FIELDS.size(); i++) {
                    FieldDefinition field = ALL_FIELDS.get(i);
                    String as = "field %s of record %d".formatted(field.code(), row.id());
                    if (field.isGeometry()) {
                        assertThat(row.values()[i]).as(as).isSameAs(row.geometry());
                    } else {
                        assertThat(row.values()[i]).as(as).isEqualTo(jdbc(rs, column++, field.type()));
                    }
                }
                checked++;
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        assertThat(checked).isEqualTo(copied.size());
    }

    @Test
    void theRowsAreTheCursorsRowsValueForValue() throws SQLException {
        ExportQuery query = ExportQuery.of(REGION, TaxaFilter.all(), ALL_FIELDS, Plans.STANDARD.plan());
        Map<Long, ObservationRow> copied = copy(query);
        Map<Long, ObservationRow> cursor = new HashMap<>();
        try (RowStream rows = query.stream(connection, 500)) {
            for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                cursor.put(row.id(), row);
            }
        }
        assertThat(copied.keySet()).isEqualTo(cursor.keySet());
        for (ObservationRow row : cursor.values()) {
            ObservationRow other = copied.get(row.id());
            assertThat(other.values()).as("record %d", row.id()).containsExactly(row.values());
            assertThat(other.datasetId()).isEqualTo(row.datasetId());
            assertThat(other.localGeometry().equalsExact(row.localGeometry())).isTrue();
        }
    }

    @Test
    void parametersWrittenAsLiteralsSelectTheSameRecords() throws SQLException {
        List<UUID> datasets = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT unique_dataset_id FROM gn_meta.t_datasets ORDER BY id_dataset LIMIT 3")) {
            while (rs.next()) {
                datasets.add((UUID) rs.getObject(1));
            }
        }
        int aves = single("SELECT cd_nom FROM taxonomie.taxref WHERE id_rang = 'CL' AND lb_nom = 'Aves'");
        ExportQuery query = ExportQuery.of(new Territory.Wkt(wkt("ST_Buffer(ST_Centroid((SELECT ST_Union(geom)"
                        + " FROM ref_geo.l_areas WHERE area_code IN ('92', '94'))), 12000)")),
                new TaxaFilter(List.of("Mammifères", "l'autre \\ groupe"), List.of(aves)),
                new RecordFilters(List.of("Pr"), null, LocalDate.of(2001, 1, 1), LocalDate.of(2030, 12, 31), null,
                        new RecordFilters.IdList(datasets, List.of())),
                FieldCatalogue.standard().select(List.of("id_synthese", "nom_cite")), Plans.STANDARD.plan());
        Map<Long, ObservationRow> copied = copy(query);
        Set<Long> cursor = new java.util.HashSet<>();
        query.forEach(connection, 100, row -> cursor.add(row.id()));
        assertThat(copied).isNotEmpty();
        assertThat(copied.keySet()).isEqualTo(cursor).hasSize((int) query.count(connection));
    }

    @Test
    void literalsReadBackAsTheValuesTheyStandFor() throws SQLException {
        Random random = new Random(21);
        byte[] bytes = new byte[300];
        random.nextBytes(bytes);
        String[] texts = {"", "plain", ODD_TEXT, "''\\\\'", "$$ $x$ -- /* */ ?", "line\nbreak\ttab", "\\x00"};
        for (String conforming : List.of("on", "off")) {
            connection.setAutoCommit(false);
            try (Statement set = connection.createStatement()) {
                set.execute("SET LOCAL standard_conforming_strings = " + conforming);
                for (String text : texts) {
                    assertThat((String) select(SqlLiterals.of((st, i) -> st.setString(i, text), connection), rs -> rs.getString(1)))
                            .as("%s with standard_conforming_strings %s", text, conforming).isEqualTo(text);
                }
                assertThat((byte[]) select(SqlLiterals.of((st, i) -> st.setBytes(i, bytes), connection), rs -> rs.getBytes(1))).isEqualTo(bytes);
                assertThat((Long) select(SqlLiterals.of((st, i) -> st.setLong(i, Long.MIN_VALUE), connection), rs -> rs.getLong(1)))
                        .isEqualTo(Long.MIN_VALUE);
                Object[] elements = {"a\"b", "c,d", "{x}", null, ODD_TEXT, "NULL", ""};
                String array = SqlLiterals.of((st, i) -> st.setArray(i, st.getConnection().createArrayOf("text", elements)),
                        connection);
                assertThat(array).endsWith("::text[]");
                assertThat(((Object[]) select(array, rs -> rs.getArray(1)).getArray())).containsExactly(elements);
                String integers = SqlLiterals.of((st, i) -> st.setArray(i, connection.createArrayOf("integer",
                        new Object[]{-1, 0, Integer.MAX_VALUE})), connection);
                assertThat(((Object[]) select(integers, rs -> rs.getArray(1)).getArray())).containsExactly(-1, 0, Integer.MAX_VALUE);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // every column type

    /** A column of the type statement: its field's type, the SQL type and one value per row (SQL). */
    private record Column(FieldType type, String sqlType, String... values) {
    }

    private static final List<Column> TYPES = List.of(
            new Column(FieldType.TEXT, "text", "'Bufo bufo'", "NULL", "''", "'" + ODD_TEXT.replace("'", "''") + "'"),
            new Column(FieldType.TEXT, "varchar(20000)", "'x'", "NULL", "repeat('é', 5000)", "'Œuf'"),
            new Column(FieldType.TEXT, "char(6)", "'ab'", "NULL", "''", "'éà'"),
            new Column(FieldType.TEXT, "name", "'nom'", "NULL", "'a b'", "'鳥'"),
            new Column(FieldType.JSON, "jsonb", "'{\"a\": \"é\", \"n\": 1.50}'", "NULL", "'[]'", "'{\"k\": \"🐦\\\\u00e9\"}'"),
            new Column(FieldType.JSON, "json", "'{ \"a\" : 1 }'", "NULL", "'null'", "'[\"鳥\"]'"),
            new Column(FieldType.INTEGER, "int2", "1", "NULL", "-32768", "32767"),
            new Column(FieldType.INTEGER, "int4", "42", "NULL", "-2147483648", "2147483647"),
            new Column(FieldType.INTEGER, "int8", "42", "NULL", "-9223372036854775808", "9223372036854775807"),
            new Column(FieldType.DECIMAL, "float8", "2.5", "NULL", "'NaN'", "'-Infinity'"),
            new Column(FieldType.DECIMAL, "float8", "0.1 + 0.2", "NULL", "-0.0", "1.7976931348623157e308"),
            new Column(FieldType.DECIMAL, "numeric", "123.4500", "NULL", "'NaN'", "-0.000000000000000000000000000001234"),
            new Column(FieldType.DECIMAL, "numeric", "'Infinity'", "NULL", "0", "123456789012345678901234567890.123456789"),
            new Column(FieldType.DECIMAL, "numeric(12,3)", "-2.5", "NULL", "0.001", "987654321.999"),
            new Column(FieldType.DECIMAL, "int4", "7", "NULL", "-2147483648", "0"),
            new Column(FieldType.BOOLEAN, "bool", "true", "NULL", "false", "true"),
            new Column(FieldType.DATE, "date", "'2024-02-29'", "NULL", "'infinity'", "'0044-03-15 BC'"),
            new Column(FieldType.DATE, "date", "'1999-12-31'", "NULL", "'-infinity'", "'5874897-12-31'"),
            new Column(FieldType.DATE, "timestamp", "'2024-02-29 23:59:59.999999'", "NULL", "'infinity'", "'1900-01-01'"),
            new Column(FieldType.TIMESTAMP, "timestamp", "'2024-02-29 23:59:59.999999'", "NULL", "'-infinity'",
                    "'0100-01-01 12:00:00.000001 BC'"),
            new Column(FieldType.TIMESTAMP, "timestamp(0)", "'1970-01-01 00:00:00'", "NULL", "'infinity'", "'1999-12-31 23:59:59'"),
            new Column(FieldType.UUID, "uuid", "'0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'", "NULL",
                    "'00000000-0000-0000-0000-000000000000'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'"));

    @Test
    void everyColumnTypeAndEdgeValueIsWhatTheDriverReads() throws SQLException, ParseException {
        List<FieldDefinition> fields = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (int row = 0; row < 4; row++) {
            sql.append(row == 0 ? "SELECT " : "\nUNION ALL SELECT ").append(row + 1).append("::int4, ")
                    .append(row == 1 ? "NULL::varchar, NULL::varchar, NULL::bytea, NULL::bytea, NULL::int4, NULL::int4"
                            : "'" + row + "'::varchar, " + SqlLiterals.quoted(ODD_TEXT) + "::varchar,"
                            + " ST_AsBinary(ST_SetSRID(ST_MakePoint(650000.5, 6860000.25), 2154)),"
                            + " ST_AsBinary(ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326)), " + (row * 10) + ", " + (row * 100));
            for (int c = 0; c < TYPES.size(); c++) {
                Column column = TYPES.get(c);
                sql.append(", (").append(column.values()[row]).append(")::").append(column.sqlType());
                if (row == 0 && c == 3) {
                    fields.add(new FieldDefinition("geometrie", "g", FieldType.GEOMETRY, "", false, false, Set.of()));
                }
                if (row == 0) {
                    fields.add(new FieldDefinition("c" + c, "c" + c, column.type(), "", false, false, Set.of()));
                }
            }
        }
        RowShape shape = new RowShape(fields, 2154);
        List<ObservationRow> copied = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            try (CopyRows rows = CopyRows.open(connection, sql.toString(), shape)) {
                for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                    copied.add(row);
                }
                assertThat(rows.next()).isNull();
            }
            assertThat(copied).hasSize(4);
            WKBReader wkb = new WKBReader();
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
                while (rs.next()) {
                    ObservationRow row = copied.get(rs.getInt(1) - 1);
                    assertThat(row.id()).isEqualTo(rs.getLong(1));
                    assertThat(row.sensitivityCode()).isEqualTo(rs.getString(2));
                    assertThat(row.diffusionCode()).isEqualTo(rs.getString(3));
                    byte[] local = rs.getBytes(4);
                    assertThat(row.localGeometry() == null ? null : row.localGeometry().toText())
                            .isEqualTo(local == null ? null : wkb.read(local).toText());
                    assertThat(row.datasetId()).isEqualTo(rs.getObject(6));
                    assertThat(row.cdNom()).isEqualTo(rs.getObject(7));
                    int column = 8;
                    for (int i = 0; i < fields.size(); i++) {
                        FieldDefinition field = fields.get(i);
                        if (field.isGeometry()) {
                            assertThat(row.values()[i]).isSameAs(row.geometry());
                            continue;
                        }
                        Column type = TYPES.get(Integer.parseInt(field.code().substring(1)));
                        assertThat(row.values()[i]).as("%s from %s, row %d: %s", type.type(), type.sqlType(), row.id(),
                                type.values()[(int) row.id() - 1]).isEqualTo(jdbc(rs, column++, field.type()));
                    }
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        assertThat(copied.get(2).values()[index(fields, "c9")]).isEqualTo(Double.NaN);
        assertThat(copied.get(2).values()[index(fields, "c16")]).isEqualTo(LocalDate.MAX);
        assertThat(copied.get(3).values()[index(fields, "c0")]).isEqualTo(ODD_TEXT);
    }

    @Test
    void aTypeWithoutADecoderIsRefusedBeforeAnyRow() throws SQLException {
        String fixed = "SELECT 1::int4, 'a'::text, 'b'::text, NULL::bytea, NULL::bytea, 1::int4, 2::int4, ";
        FieldDefinition timestamp = new FieldDefinition("date_creation", "d", FieldType.TIMESTAMP, "", false, false, Set.of());
        FieldDefinition decimal = new FieldDefinition("x_centroid", "x", FieldType.DECIMAL, "", false, false, Set.of());
        connection.setAutoCommit(false);
        try {
            assertThatThrownBy(() -> CopyRows.open(connection, fixed + "now()", new RowShape(List.of(timestamp), 2154)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("date_creation").hasMessageContaining("timestamptz");
            assertThatThrownBy(() -> CopyRows.open(connection, fixed + "1.5::float4", new RowShape(List.of(decimal), 2154)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("x_centroid").hasMessageContaining("float4");
            assertThatThrownBy(() -> CopyRows.open(connection, "SELECT 1::int4, 'a'::text, 'b'::text,"
                    + " ST_MakePoint(1, 2), NULL::bytea, 1::int4, 2::int4", new RowShape(List.of(), 2154)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("local geometry");
            assertThat(single("SELECT 41 + 1")).isEqualTo(42);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // cancellation

    @Test
    void closingMidCopyCancelsItAndTheConnectionServesAgain() throws SQLException {
        String endless = "SELECT g::int8, 'a'::text, 'b'::text, NULL::bytea, NULL::bytea, 1::int4, 2::int4, repeat('x', 200)"
                + " FROM (SELECT generate_series(1, 50000000) AS g) s";
        FieldDefinition text = new FieldDefinition("texte", "t", FieldType.TEXT, "", false, false, Set.of());
        connection.setAutoCommit(false);
        try {
            try (CopyRows rows = CopyRows.open(connection, endless, new RowShape(List.of(text), 2154))) {
                for (int i = 1; i <= 1000; i++) {
                    assertThat(rows.next().id()).isEqualTo(i);
                }
            }
            // the COPY was cancelled, not read to its end: the transaction is aborted by the cancel
            assertThatThrownBy(() -> single("SELECT 1")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25P02"));
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        assertThat(single("SELECT 41 + 1")).isEqualTo(42);

        // a stream that began its own transaction ends it
        ExportQuery query = ExportQuery.of(REGION, TaxaFilter.all(), ALL_FIELDS, Plans.STANDARD.plan());
        try (RowStream rows = query.copy(connection)) {
            assertThat(rows.next()).isNotNull();
            assertThat(rows.next()).isNotNull();
            rows.close();
            assertThat(rows.next()).isNull();
            assertThat(rows.rowsRead()).isEqualTo(2);
        }
        assertThat(connection.getAutoCommit()).isTrue();
        assertThat(single("SELECT 41 + 1")).isEqualTo(42);
        assertThat(copy(query)).hasSize((int) query.count(connection));
    }

    // ------------------------------------------------------------------------------------------------
    // helpers

    /** The value plain JDBC reads for a field of {@code type} (the driver's getters, text protocol). */
    private static Object jdbc(ResultSet rs, int column, FieldType type) throws SQLException {
        Object value = switch (type) {
            case TEXT, JSON -> rs.getString(column);
            case INTEGER -> rs.getLong(column);
            case DECIMAL -> rs.getDouble(column);
            case BOOLEAN -> rs.getBoolean(column);
            case DATE -> rs.getObject(column, LocalDate.class);
            case TIMESTAMP -> rs.getObject(column, LocalDateTime.class);
            case UUID -> rs.getObject(column, UUID.class);
            case GEOMETRY -> throw new IllegalArgumentException("no column");
        };
        return rs.wasNull() ? null : value;
    }

    private static Map<Long, ObservationRow> copy(ExportQuery query) throws SQLException {
        Map<Long, ObservationRow> rows = new HashMap<>();
        try (RowStream stream = query.copy(connection)) {
            for (ObservationRow row = stream.next(); row != null; row = stream.next()) {
                assertThat(rows.put(row.id(), row)).as("one row per record: %s", row.id()).isNull();
                assertThat(row.values()).hasSize(query.fields().size());
            }
            assertThat(stream.rowsRead()).isEqualTo(rows.size());
        }
        return rows;
    }

    /** What a column is read as. */
    @FunctionalInterface
    private interface Getter<T> {
        T get(ResultSet rs) throws SQLException;
    }

    private static <T> T select(String literal, Getter<T> getter) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT " + literal)) {
            rs.next();
            return getter.get(rs);
        }
    }

    private static int index(String code) {
        return index(ALL_FIELDS, code);
    }

    private static int index(List<FieldDefinition> fields, String code) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).code().equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException(code);
    }

    private static int single(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getInt(1);
        }
    }

    private static String wkt(String sql2154) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT ST_AsText(ST_Transform(" + sql2154 + ", 4326))")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
