package org.naturaflux.format.gpkg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.attributes.AttributesColumn;
import mil.nga.geopackage.attributes.AttributesTableMetadata;
import mil.nga.geopackage.db.GeoPackageDataType;
import org.naturaflux.format.CompanionTable;
import org.naturaflux.format.FieldLayout;
import org.naturaflux.model.field.FieldDefinition;

/**
 * Writes a {@link CompanionTable} into a GeoPackage as an attributes table: geopackage-java creates it
 * (an {@code id} primary key, the columns typed as the feature table's, its {@code gpkg_contents} row of
 * data type {@code attributes}), then its rows go in with one prepared insert in one transaction.
 */
final class AttributesTables {

    private AttributesTables() {
    }

    /** Writes the table; {@code connection} must be in auto-commit mode and is left so. */
    static void write(GeoPackage geoPackage, Connection connection, CompanionTable table) throws SQLException {
        FieldLayout layout = table.layout();
        List<AttributesColumn> columns = new ArrayList<>();
        for (FieldDefinition field : layout.fields()) {
            columns.add(column(field));
        }
        geoPackage.createAttributesTable(AttributesTableMetadata.create(table.name(), columns));
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(GeoPackageSchema.quote(table.name())).append(" (");
        for (int i = 0; i < layout.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(GeoPackageSchema.quote(layout.field(i).code()));
        }
        sql.append(") VALUES (").append("?, ".repeat(layout.size() - 1)).append("?)");
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            for (Object[] row : table.rows()) {
                for (int i = 0; i < layout.size(); i++) {
                    Object value = row[i];
                    insert.setObject(i + 1, value == null ? null : FeatureRows.sqlValue(layout.type(i), value));
                }
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static AttributesColumn column(FieldDefinition field) {
        return switch (field.type()) {
            case TEXT, JSON -> AttributesColumn.createColumn(field.code(), GeoPackageDataType.TEXT);
            case UUID -> AttributesColumn.createColumn(field.code(), GeoPackageDataType.TEXT, 36L);
            case INTEGER -> AttributesColumn.createColumn(field.code(), GeoPackageDataType.INTEGER);
            case DECIMAL -> AttributesColumn.createColumn(field.code(), GeoPackageDataType.REAL);
            case DATE -> AttributesColumn.createColumn(field.code(), GeoPackageDataType.DATE);
            case TIMESTAMP -> AttributesColumn.createColumn(field.code(), GeoPackageDataType.DATETIME);
            case BOOLEAN -> AttributesColumn.createColumn(field.code(), GeoPackageDataType.BOOLEAN);
            case GEOMETRY -> throw new IllegalArgumentException("a companion table has no geometry");
        };
    }
}
