package org.naturaflux.source.query;

import java.sql.SQLException;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;

/**
 * The columns of the export statement ({@link ExportStatement#select}) and the row made of them, whoever reads
 * them: {@code id_synthese}, the SENSIBILITE and NIV_PRECIS codes, the local and WGS84 geometries as WKB, the
 * {@code id_dataset}, the {@code cd_nom}, then one column per field but the geometry field, which is the WGS84 geometry read once.
 * Not thread-safe (its WKB readers).
 */
final class RowShape {

    /** 1-based columns of the statement. */
    static final int ID = 1;
    static final int SENSITIVITY = 2;
    static final int DIFFUSION = 3;
    static final int LOCAL_WKB = 4;
    static final int WGS84_WKB = 5;
    static final int DATASET = 6;
    static final int CD_NOM = 7;
    static final int FIRST_VALUE = 8;

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final List<FieldDefinition> fields;
    private final int[] columns;
    private final int columnCount;
    private final WKBReader localReader;
    private final WKBReader wgs84Reader = new WKBReader(WGS84);

    RowShape(List<FieldDefinition> fields, int localSrid) {
        this.fields = List.copyOf(fields);
        this.columns = new int[this.fields.size()];
        int column = FIRST_VALUE;
        for (int i = 0; i < columns.length; i++) {
            columns[i] = this.fields.get(i).isGeometry() ? -1 : column++;
        }
        this.columnCount = column - 1;
        this.localReader = new WKBReader(new GeometryFactory(new PrecisionModel(), localSrid));
    }

    List<FieldDefinition> fields() {
        return fields;
    }

    /** The statement's column of field {@code i}, or -1 for the geometry field. */
    int column(int field) {
        return columns[field];
    }

    /** How many columns the statement returns. */
    int columnCount() {
        return columnCount;
    }

    /**
     * The row: {@code values} holds the fields' values read from their columns, null at the geometry fields,
     * which get the WGS84 geometry here.
     */
    ObservationRow row(long id, String sensitivity, String diffusion, byte[] localWkb, byte[] wgs84Wkb, Integer datasetId,
                       Integer cdNom, Object[] values) throws SQLException {
        Geometry local = geometry(localReader, localWkb);
        Geometry wgs84 = geometry(wgs84Reader, wgs84Wkb);
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] < 0) {
                values[i] = wgs84;
            }
        }
        return new ObservationRow(id, sensitivity, diffusion, local, wgs84, values, datasetId, cdNom);
    }

    private static Geometry geometry(WKBReader reader, byte[] wkb) throws SQLException {
        if (wkb == null) {
            return null;
        }
        try {
            return reader.read(wkb);
        } catch (ParseException e) {
            throw new SQLException("invalid geometry WKB from the source", e);
        }
    }
}
