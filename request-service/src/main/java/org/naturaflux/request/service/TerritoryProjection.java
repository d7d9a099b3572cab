package org.naturaflux.request.service;

import java.sql.Connection;
import java.sql.SQLException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.naturaflux.source.query.ExportQuery;

/**
 * A flux's territory in the source's local coordinate system, resolved exactly as exports resolve it
 * (source-lib's {@link ExportQuery#territoryEwkb}, whatever system and densification it uses), and the
 * one place that decides whether it is usable there: the projection succeeds, every coordinate is
 * finite and the projected geometry is valid. A territory that fails this would fail every run of its
 * flux (and the change routing of it), so submissions refuse it and background passes set it aside.
 */
public final class TerritoryProjection {

    private static final String CANNOT = "the territory cannot be projected into the source's local coordinate system";

    private TerritoryProjection() {
    }

    /**
     * The territory in the local system; null when none of its areas exists.
     *
     * @throws NotProjectable when the territory cannot be projected or gives an unusable geometry
     * @throws SQLException   when the source cannot be reached (a failure of the source, not of the territory)
     */
    public static Geometry local(Connection connection, ExportQuery query) throws SQLException, NotProjectable {
        byte[] ewkb;
        try {
            ewkb = query.territoryEwkb(connection);
        } catch (SQLException e) {
            if (unreachable(e, connection)) {
                throw e;
            }
            throw new NotProjectable(CANNOT + " (" + firstLine(e.getMessage()) + ")");
        }
        if (ewkb == null) {
            return null;
        }
        Geometry local;
        try {
            local = new WKBReader().read(ewkb);
        } catch (ParseException | RuntimeException e) {
            throw new NotProjectable(CANNOT + ": its image is unreadable (" + e.getMessage() + ")");
        }
        for (Coordinate c : local.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                throw new NotProjectable(CANNOT + ": its image has non-finite coordinates");
            }
        }
        TopologyValidationError error = new IsValidOp(local).getValidationError();
        if (error != null || local.isEmpty()) {
            throw new NotProjectable(CANNOT + ": its image is not a valid shape (" + (error == null ? "empty" : error.getMessage())
                    + "); it reaches too far from the source's region");
        }
        return local;
    }

    /** Whether a failure is the connection's (class 08, or the connection no longer answers) rather than the statement's. */
    public static boolean unreachable(SQLException e, Connection connection) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            return true;
        }
        try {
            return !connection.isValid(5);
        } catch (SQLException notValid) {
            return true;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    /** A territory the source's local system cannot hold; the message says why, for the client or the admin. */
    public static final class NotProjectable extends Exception {
        public NotProjectable(String message) {
            super(message);
        }
    }
}
