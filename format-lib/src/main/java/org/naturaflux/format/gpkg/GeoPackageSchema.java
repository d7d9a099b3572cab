package org.naturaflux.format.gpkg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.sf.GeometryType;
import org.naturaflux.format.FieldLayout;
import org.naturaflux.model.field.FieldDefinition;

/**
 * The feature table's schema: its columns ({@code fid}, {@code geom}, one per field but the geometry
 * field, renamed {@code fid_1}, {@code geom_1}... when a field has that name), its creation with a
 * {@code GEOMETRY} column, and the rewrite that declares the geometry type and the extent once every row
 * is known.
 */
final class GeoPackageSchema {

    private final String table;
    private final String fidColumn;
    private final String geometryColumn;
    private final int[] attributeColumns;
    private final List<FeatureColumn> columns;

    private GeoPackageSchema(String table, String fidColumn, String geometryColumn, int[] attributeColumns,
                             List<FeatureColumn> columns) {
        this.table = table;
        this.fidColumn = fidColumn;
        this.geometryColumn = geometryColumn;
        this.attributeColumns = attributeColumns;
        this.columns = columns;
    }

    /** The schema of table {@code table} holding the fields of {@code layout}. */
    static GeoPackageSchema of(FieldLayout layout, String table) {
        Set<String> taken = new HashSet<>();
        layout.fields().forEach(f -> taken.add(f.code().toLowerCase(Locale.ROOT)));
        String fidColumn = freeName("fid", taken);
        String geometryColumn = freeName("geom", taken);
        int geometryIndex = layout.geometryIndex();
        int[] attributeColumns = new int[geometryIndex < 0 ? layout.size() : layout.size() - 1];
        List<FeatureColumn> columns = new ArrayList<>();
        for (int i = 0, next = 0; i < layout.size(); i++) {
            if (i != geometryIndex) {
                attributeColumns[next++] = i;
                columns.add(column(layout.field(i)));
            }
        }
        return new GeoPackageSchema(table, fidColumn, geometryColumn, attributeColumns, columns);
    }

    private static String freeName(String base, Set<String> taken) {
        String name = base;
        for (int i = 1; taken.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name);
        return name;
    }

    private static FeatureColumn column(FieldDefinition field) {
        return switch (field.type()) {
            case TEXT, JSON -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.TEXT);
            case UUID -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.TEXT, 36L);
            case INTEGER -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.INTEGER);
            case DECIMAL -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.REAL);
            case DATE -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.DATE);
            case TIMESTAMP -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.DATETIME);
            case BOOLEAN -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.BOOLEAN);
            case GEOMETRY -> throw new IllegalArgumentException("the geometry field is the feature geometry");
        };
    }

    String table() {
        return table;
    }

    String fidColumn() {
        return fidColumn;
    }

    String geometryColumn() {
        return geometryColumn;
    }

    /** The layout's index of each attribute column's field, in column order (after fid and geometry). */
    int[] attributeColumns() {
        return attributeColumns;
    }

    /** Creates the feature table (geopackage-java: table, geometry column, contents), geometry type GEOMETRY. */
    void createTable(GeoPackage geoPackage) {
        GeometryColumns geometryColumns = new GeometryColumns();
        geometryColumns.setTableName(table);
        geometryColumns.setColumnName(geometryColumn);
        geometryColumns.setGeometryType(GeometryType.GEOMETRY);
        geometryColumns.setZ((byte) 0);
        geometryColumns.setM((byte) 0);
        geometryColumns.setSrsId(GeoPackageWriter.SRS_ID);
        geoPackage.createFeatureTable(FeatureTableMetadata.create(geometryColumns, fidColumn, false, columns));
    }

    /** The insert of one row: fid, geometry, then the attribute columns. */
    String insertSql() {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table)).append(" (")
                .append(quote(fidColumn)).append(", ").append(quote(geometryColumn));
        columns.forEach(c -> sql.append(", ").append(quote(c.getName())));
        sql.append(") VALUES (?, ?");
        sql.append(", ?".repeat(columns.size()));
        return sql.append(')').toString();
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Declares the geometry type now that every row is known (in {@code gpkg_geometry_columns} and in the
     * table's SQL, which GDAL's validator compares) and records the true extent in {@code gpkg_contents},
     * in one transaction; {@code connection} must be in auto-commit mode and is left so.
     */
    void declareGeometryAndExtent(Connection connection, LayerExtent extent) throws SQLException {
        int declared = extent.declaredType();
        String typeName = GeoPackageGeometry.typeName(declared);
        connection.setAutoCommit(false);
        try {
            if (declared != 0) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE gpkg_geometry_columns SET geometry_type_name = ? WHERE table_name = ? AND column_name = ?")) {
                    update.setString(1, typeName);
                    update.setString(2, table);
                    update.setString(3, geometryColumn);
                    update.executeUpdate();
                }
                redeclareColumnType(connection, typeName);
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE gpkg_contents SET min_x = ?, "
                    + "min_y = ?, max_x = ?, max_y = ?, last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                    + "WHERE table_name = ?")) {
                boolean any = !extent.isEmpty();
                for (int i = 1; i <= 4; i++) {
                    if (!any) {
                        update.setNull(i, Types.DOUBLE);
                    }
                }
                if (any) {
                    update.setDouble(1, extent.minX());
                    update.setDouble(2, extent.minY());
                    update.setDouble(3, extent.maxX());
                    update.setDouble(4, extent.maxY());
                }
                update.setString(5, table);
                update.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Changes the declared type of the geometry column in the table's SQL, as SQLite documents for schema
     * changes that leave the stored content untouched (ALTER TABLE, "making other kinds of table schema
     * changes"): the column holds blobs, which no type affinity converts.
     */
    private void redeclareColumnType(Connection connection, String typeName) throws SQLException {
        String sql;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            select.setString(1, table);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("table " + table + " is missing");
                }
                sql = result.getString(1);
            }
        }
        Matcher column = Pattern.compile(Pattern.quote(quote(geometryColumn) + " GEOMETRY") + "(?![A-Za-z0-9_])")
                .matcher(sql);
        if (!column.find()) {
            throw new IllegalStateException("cannot find the geometry column in " + sql);
        }
        String redeclared = sql.substring(0, column.start()) + quote(geometryColumn) + " " + typeName
                + sql.substring(column.end());
        int schemaVersion;
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA schema_version")) {
            result.next();
            schemaVersion = result.getInt(1);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA writable_schema = ON");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?")) {
                update.setString(1, redeclared);
                update.setString(2, table);
                update.executeUpdate();
            }
            statement.execute("PRAGMA schema_version = " + (schemaVersion + 1));
            statement.execute("PRAGMA writable_schema = OFF");
        }
    }
}
