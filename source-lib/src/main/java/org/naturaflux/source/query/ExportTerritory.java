package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.source.schema.SourceShape;

/**
 * The territory of an {@link ExportQuery} resolved into the source's local projection: its SRID read
 * from the source ({@link SourceShape#localSrid}, never assumed), a WGS84 territory transformed once its
 * edges are cut into steps of at most {@link #STEP_DEGREES} degrees, an area territory the union of its
 * named {@code ref_geo} areas of any type. Resolved on first use, then kept; thread-safe.
 */
final class ExportTerritory {

    /**
     * Longest step, in degrees, of a WGS84 territory's edges before they are transformed: at most 1 km
     * (a degree of latitude is at least 110.5 km, a degree of longitude less). An edge is straight in
     * WGS84 (RFC 7946) and bends once in the local projection: transformed by its ends only, a 1.3°
     * edge at 49°N strays about 200 m from itself.
     */
    static final String STEP_DEGREES = "0.009";

    /**
     * The source's local SRID and the territory in it as EWKB (its SRID included; null when none of its
     * areas exists).
     */
    record Resolved(int srid, byte[] ewkb) {
    }

    private final Territory territory;
    private volatile Resolved resolved;

    /**
     * @throws IllegalArgumentException if the territory has neither a geometry nor areas, or names no area
     */
    ExportTerritory(Territory territory) {
        Objects.requireNonNull(territory, "territory");
        if (!(territory instanceof Territory.Wkt) && !(territory instanceof Territory.Areas)) {
            throw new IllegalArgumentException("the territory has neither a geometry nor areas: " + territory);
        }
        if (!territory.isExportable()) {
            throw new IllegalArgumentException("the territory names no area");
        }
        this.territory = territory;
    }

    /** The territory resolved in the source of {@code connection}, read from it the first time only. */
    Resolved resolve(Connection connection) throws SQLException {
        Resolved r = resolved;
        if (r != null) {
            return r;
        }
        int srid = SourceShape.localSrid(connection);
        SqlText sql = new SqlText();
        if (territory instanceof Territory.Wkt wkt) {
            sql.add("SELECT ST_AsEWKB(ST_Transform(ST_Segmentize(ST_GeomFromText(").param((st, i) -> st.setString(i, wkt.wkt()))
                    .add(", 4326), " + STEP_DEGREES + "), " + srid + "))");
        } else {
            List<AreaRef> areas = ((Territory.Areas) territory).areas();
            sql.add("SELECT ST_AsEWKB(ST_Union(a.geom)) FROM ref_geo.l_areas a")
                    .add(" JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type JOIN unnest(")
                    .param((st, i) -> st.setArray(i, connection.createArrayOf("text", areas.stream().map(AreaRef::type).toArray())))
                    .add("::text[], ")
                    .param((st, i) -> st.setArray(i, connection.createArrayOf("text", areas.stream().map(AreaRef::code).toArray())))
                    .add("::text[]) AS w(type_code, area_code) ON w.type_code = bat.type_code AND w.area_code = a.area_code");
        }
        try (PreparedStatement st = sql.prepare(connection); ResultSet rs = st.executeQuery()) {
            rs.next();
            r = new Resolved(srid, rs.getBytes(1));
            resolved = r;
            return r;
        }
    }

    /** The territory as a statement's constant: {@code ST_GeomFromEWKB(?)}, bound to its resolved EWKB. */
    void param(SqlText sql, Connection connection) throws SQLException {
        byte[] ewkb = resolve(connection).ewkb();
        sql.add("ST_GeomFromEWKB(").param((st, i) -> st.setBytes(i, ewkb)).add(")");
    }
}
