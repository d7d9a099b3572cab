package org.naturaflux.request.changes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.request.SourceAccess;
import org.naturaflux.request.changes.ChangeRouter.FluxTarget;
import org.naturaflux.request.changes.SourceChange.Observation;

/**
 * Real records of the test source as change routing receives their states (the columns Debezium carries),
 * and fluxes drawn around them: for tests that call {@link ChangeRouter} directly, without capture.
 */
final class RoutedStates {

    /**
     * A present point record of the source with a TAXREF taxon and a dataset, its codes, its WGS84 position,
     * its statuses and dates.
     */
    record Picked(long id, Geometry local, double lon, double lat, int cdNom, int datasetId, Integer sensitivityId,
                  Integer diffusionId, String group1, Integer observationStatusId, Integer validationStatusId,
                  LocalDateTime dateMin, LocalDateTime dateMax) {

        /** Its state, with another taxon and dataset (either null). */
        Observation state(Integer cdNom, Integer datasetId) {
            return new Observation(id, local, cdNom, datasetId, sensitivityId, diffusionId, observationStatusId,
                    validationStatusId, dateMin, dateMax);
        }

        /** Its state with other statuses and dates. */
        Observation state(Integer observationStatusId, Integer validationStatusId, LocalDateTime dateMin, LocalDateTime dateMax) {
            return new Observation(id, local, cdNom, datasetId, sensitivityId, diffusionId, observationStatusId,
                    validationStatusId, dateMin, dateMax);
        }

        /** Its state as it is. */
        Observation state() {
            return state(cdNom, datasetId);
        }
    }

    private RoutedStates() {
    }

    /** The first present point record (by id, STATUT_OBS "Pr") whose level under {@code plan} is {@code level}. */
    static Picked first(SelectionPlan plan, DiffusionLevel level) throws SQLException {
        try (Connection db = SourceAccess.connect(); PreparedStatement st = db.prepareStatement("SELECT s.id_synthese,"
                + " ST_AsBinary(s.the_geom_local), ST_X(ST_Transform(s.the_geom_local, 4326)), ST_Y(ST_Transform(s.the_geom_local, 4326)),"
                + " s.cd_nom, s.id_dataset, s.id_nomenclature_sensitivity, s.id_nomenclature_diffusion_level,"
                + " ns.cd_nomenclature, nd.cd_nomenclature, t.group1_inpn, s.id_nomenclature_observation_status,"
                + " s.id_nomenclature_valid_status, s.date_min, s.date_max"
                + " FROM gn_synthese.synthese s JOIN taxonomie.taxref t ON t.cd_nom = s.cd_nom"
                + " JOIN gn_meta.t_datasets d ON d.id_dataset = s.id_dataset"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level"
                + " JOIN ref_nomenclatures.t_nomenclatures nob ON nob.id_nomenclature = s.id_nomenclature_observation_status"
                + " AND nob.cd_nomenclature = 'Pr'"
                + " WHERE GeometryType(s.the_geom_local) = 'POINT' AND t.group1_inpn IS NOT NULL ORDER BY s.id_synthese");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (plan.levelOf(rs.getString(9), rs.getString(10)) == level) {
                    Geometry local = new WKBReader().read(rs.getBytes(2));
                    return new Picked(rs.getLong(1), local, rs.getDouble(3), rs.getDouble(4), rs.getInt(5), rs.getInt(6),
                            (Integer) rs.getObject(7), (Integer) rs.getObject(8), rs.getString(11), (Integer) rs.getObject(12),
                            (Integer) rs.getObject(13), rs.getObject(14, LocalDateTime.class), rs.getObject(15, LocalDateTime.class));
                }
            }
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the test source has no point record of level " + level);
    }

    /** A WGS84 square of half side {@code half} degrees around (lon, lat), as WKT. */
    static String square(double lon, double lat, double half) {
        return String.format(Locale.ROOT, "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f))", lon - half, lat - half, lon + half,
                lat - half, lon + half, lat + half, lon - half, lat + half, lon - half, lat - half);
    }

    /** A flux that opted in to change-driven runs, on a WGS84 territory, with the default record filters. */
    static FluxTarget flux(String wkt, TaxaFilter taxa) {
        return flux(wkt, taxa, null);
    }

    /** A flux that opted in to change-driven runs, on a WGS84 territory, with these record filters. */
    static FluxTarget flux(String wkt, TaxaFilter taxa, RecordFilters filters) {
        return new FluxTarget(UUID.randomUUID(), Instant.now(),
                new FluxSpec(new Territory.Wkt(wkt), taxa, List.of("id_synthese"), List.of(ExportFormat.CSV), null, filters));
    }

    /** The id of a nomenclature code of a type ({@code STATUT_OBS}, {@code STATUT_VALID}) in the test source. */
    static int nomenclature(String type, String code) throws SQLException {
        try (Connection db = SourceAccess.connect(); PreparedStatement st = db.prepareStatement("SELECT n.id_nomenclature"
                + " FROM ref_nomenclatures.t_nomenclatures n JOIN ref_nomenclatures.bib_nomenclatures_types t"
                + " ON t.id_type = n.id_type WHERE t.mnemonique = ? AND n.cd_nomenclature = ?")) {
            st.setString(1, type);
            st.setString(2, code);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the test source has no " + type + " code " + code);
                }
                return rs.getInt(1);
            }
        }
    }
}
