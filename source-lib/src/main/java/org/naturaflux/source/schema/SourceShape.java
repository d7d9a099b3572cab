package org.naturaflux.source.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a GeoNature database is like, read from the database itself rather than assumed: whether it has
 * the tables, columns and area types the exports read ({@link #inspect}), and its local projection.
 *
 * <p><b>Supported versions.</b> GeoNature 2.14 and later (the schema of its synthesis, TAXREF with
 * {@code group3_inpn}, RefGeo with {@code l_areas.enable}); an older database lacking a column is told
 * so, by name, at start-up and in the worker's readiness.
 *
 * <p>On the projection: GeoNature takes the local SRID at install ({@code MYLOCALSRID}: 2154 in metropolitan
 * France, others overseas or on platforms that keep a conic conformal zone such as EPSG:3949), so every
 * statement that meets {@code the_geom_local} or {@code l_areas.geom} asks here.
 */
public final class SourceShape {

    /** The GeoNature versions Naturaflux reads, as operators are told. */
    public static final String SUPPORTED_VERSIONS = "GeoNature 2.14 and later";

    /** The tables Naturaflux reads and, for each, the columns it needs. */
    static final Map<String, List<String>> REQUIRED = required();

    /** The schemas of the tables of {@link #REQUIRED}. */
    private static final List<String> SCHEMAS = REQUIRED.keySet().stream()
            .map(table -> table.substring(0, table.indexOf('.'))).distinct().toList();

    private static Map<String, List<String>> required() {
        Map<String, List<String>> r = new LinkedHashMap<>();
        r.put("gn_synthese.synthese", List.of("id_synthese", "unique_id_sinp", "unique_id_sinp_grp", "id_dataset",
                "entity_source_pk_value", "cd_nom", "nom_cite", "cd_hab", "count_min", "count_max", "altitude_min",
                "altitude_max", "depth_min", "depth_max", "place_name", "the_geom_4326", "the_geom_local", "date_min",
                "date_max", "observers", "determiner", "validator", "validation_comment", "comment_context",
                "comment_description", "additional_data", "grp_method", "digital_proof", "non_digital_proof",
                "reference_biblio", "meta_validation_date", "meta_create_date", "meta_update_date",
                "id_nomenclature_sensitivity", "id_nomenclature_diffusion_level", "id_nomenclature_observation_status",
                "id_nomenclature_valid_status"));
        r.put("gn_synthese.cor_area_synthese", List.of("id_synthese", "id_area"));
        r.put("ref_geo.l_areas", List.of("id_area", "id_type", "area_code", "area_name", "geom", "enable", "meta_update_date"));
        r.put("ref_geo.bib_areas_types", List.of("id_type", "type_code"));
        r.put("taxonomie.taxref", List.of("cd_nom", "cd_ref", "cd_sup", "id_rang", "regne", "classe", "ordre", "famille",
                "nom_valide", "nom_vern", "group1_inpn", "group2_inpn", "group3_inpn"));
        r.put("ref_nomenclatures.t_nomenclatures", List.of("id_nomenclature", "id_type", "cd_nomenclature", "label_default"));
        r.put("ref_nomenclatures.bib_nomenclatures_types", List.of("id_type", "mnemonique"));
        r.put("gn_meta.t_datasets", List.of("id_dataset", "id_acquisition_framework", "dataset_name", "unique_dataset_id"));
        r.put("gn_meta.t_acquisition_frameworks", List.of("id_acquisition_framework", "acquisition_framework_name",
                "unique_acquisition_framework_id"));
        r.put("ref_habitats.habref", List.of("cd_hab", "lb_code", "lb_hab_fr"));
        // TAXREF's BDC statuts (TaxHub; older than GeoNature 2.14), read by the status fields (status.TaxonStatuses)
        r.put("taxonomie.bdc_statut_taxons", List.of("id_value_text", "cd_ref"));
        r.put("taxonomie.bdc_statut_cor_text_values", List.of("id_value_text", "id_value", "id_text"));
        r.put("taxonomie.bdc_statut_text", List.of("id_text", "cd_type_statut", "full_citation", "lb_adm_tr", "doc_url",
                "enable"));
        r.put("taxonomie.bdc_statut_values", List.of("id_value", "code_statut", "label_statut"));
        r.put("taxonomie.bdc_statut_type", List.of("cd_type_statut", "lb_type_statut"));
        r.put("taxonomie.bdc_statut_cor_text_area", List.of("id_text", "id_area"));
        return java.util.Collections.unmodifiableMap(r);
    }

    /**
     * What {@link #inspect} found.
     *
     * @param missing          the tables and columns the exports read that the source lacks ({@code schema.table}
     *                         or {@code schema.table.column}); the source cannot be exported while any is
     * @param sridProblem      why the local SRID cannot be read, or null ({@link #localSrid})
     * @param missingAreaTypes the area types the sensitivity settings name that {@code bib_areas_types}
     *                         lacks, or that have no enabled area: the records of those levels are
     *                         never exported (no area places them), and not yet counted as withheld
     */
    public record Report(List<String> missing, String sridProblem, List<String> missingAreaTypes) {
        public Report {
            missing = List.copyOf(missing);
            missingAreaTypes = List.copyOf(missingAreaTypes);
        }

        /** Whether exports can run on this source (area types aside). */
        public boolean readable() {
            return missing.isEmpty() && sridProblem == null;
        }

        /** The report in plain words, for logs and health checks. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("the source lacks " + String.join(", ", missing) + " (Naturaflux reads " + SUPPORTED_VERSIONS + ")");
            }
            if (sridProblem != null) {
                parts.add(sridProblem);
            }
            if (!missingAreaTypes.isEmpty()) {
                parts.add("no enabled area of type " + String.join(", ", missingAreaTypes)
                        + " in ref_geo.l_areas: the records of the sensitivity levels degraded to them are not exported"
                        + " (counted as withheld, cause NO_AREA, by their département)");
            }
            return parts.isEmpty() ? "the source has everything the exports read" : String.join("; ", parts);
        }
    }

    private SourceShape() {
    }

    /**
     * Checks the source's shape: the tables and columns of {@link #REQUIRED}, its local SRID, and which of
     * {@code areaTypes} (the sensitivity settings' area types) have no enabled area.
     */
    public static Report inspect(Connection connection, Collection<String> areaTypes) throws SQLException {
        Map<String, Set<String>> present = new LinkedHashMap<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT table_schema || '.' || table_name, column_name"
                + " FROM information_schema.columns WHERE table_schema = ANY(?)")) {
            st.setArray(1, connection.createArrayOf("text", SCHEMAS.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    present.computeIfAbsent(rs.getString(1), t -> new TreeSet<>()).add(rs.getString(2));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((table, columns) -> {
            Set<String> has = present.get(table);
            if (has == null) {
                missing.add(table);
            } else {
                columns.stream().filter(c -> !has.contains(c)).forEach(c -> missing.add(table + "." + c));
            }
        });
        String sridProblem = null;
        try {
            localSrid(connection);
        } catch (SQLException e) {
            sridProblem = e.getMessage();
        }
        List<String> missingAreaTypes = new ArrayList<>();
        if (!missing.contains("ref_geo.l_areas") && !missing.contains("ref_geo.bib_areas_types")
                && !missing.contains("ref_geo.l_areas.enable")) {
            try (PreparedStatement st = connection.prepareStatement("SELECT w.type_code FROM unnest(?::text[]) AS w(type_code)"
                    + " WHERE NOT EXISTS (SELECT 1 FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                    + " WHERE t.type_code = w.type_code AND a.enable) ORDER BY 1")) {
                st.setArray(1, connection.createArrayOf("text", new TreeSet<>(areaTypes).toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        missingAreaTypes.add(rs.getString(1));
                    }
                }
            }
        }
        return new Report(missing, sridProblem, missingAreaTypes);
    }

    /**
     * The SRID of {@code gn_synthese.synthese.the_geom_local}, as {@code Find_SRID} reads it from
     * {@code geometry_columns} (read here from the view itself so that a missing column is reported
     * rather than aborting the caller's transaction), checked against {@code ref_geo.l_areas.geom}: the
     * export compares the two directly, so they must share it.
     *
     * @throws SQLException when either column is missing, has no declared SRID, or they differ
     */
    public static int localSrid(Connection connection) throws SQLException {
        Integer observations = declaredSrid(connection, "gn_synthese", "synthese", "the_geom_local");
        Integer areas = declaredSrid(connection, "ref_geo", "l_areas", "geom");
        if (observations == null || areas == null) {
            throw new SQLException("the source has no " + (observations == null ? "gn_synthese.synthese.the_geom_local" : "ref_geo.l_areas.geom")
                    + " geometry column: it is not a GeoNature database Naturaflux can read");
        }
        if (observations == 0 || areas == 0) {
            throw new SQLException("the source does not declare the SRID of " + (observations == 0
                    ? "gn_synthese.synthese.the_geom_local" : "ref_geo.l_areas.geom")
                    + " (a geometry column without type modifier nor enforce_srid constraint): Find_SRID cannot tell it");
        }
        if (!observations.equals(areas)) {
            throw new SQLException("the source's local projections differ: gn_synthese.synthese.the_geom_local is EPSG:"
                    + observations + ", ref_geo.l_areas.geom is EPSG:" + areas);
        }
        return observations;
    }

    /** The tables change capture streams: the request-service routes their changes. */
    public static final List<String> CAPTURED_TABLES = List.of("gn_synthese.synthese", "ref_geo.l_areas");

    /**
     * The statements the tables' owner must run for change capture to carry the old row of updates and
     * deletes (what tells which fluxes a record leaves): {@code ALTER TABLE ... REPLICA IDENTITY FULL} for
     * each captured table whose replica identity is not FULL (GeoNature keeps the default, its primary
     * key), with what it is now; empty when both are FULL. A missing table is left to {@link #inspect}.
     */
    public static List<String> replicaIdentityStatements(Connection connection) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT n.nspname || '.' || c.relname, c.relreplident"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname || '.' || c.relname = ANY(?) AND c.relkind IN ('r', 'p') AND c.relreplident <> 'f'"
                + " ORDER BY 1")) {
            st.setArray(1, connection.createArrayOf("text", CAPTURED_TABLES.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String now = switch (rs.getString(2)) {
                        case "d" -> "DEFAULT (the primary key)";
                        case "n" -> "NOTHING";
                        case "i" -> "USING INDEX";
                        default -> rs.getString(2);
                    };
                    statements.add("ALTER TABLE " + rs.getString(1) + " REPLICA IDENTITY FULL;   -- now " + now);
                }
            }
        }
        return statements;
    }

    /** The SRID {@code geometry_columns} declares for a column; null when there is no such column. */
    private static Integer declaredSrid(Connection connection, String schema, String table, String column)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT srid FROM geometry_columns"
                + " WHERE f_table_schema = ? AND f_table_name = ? AND f_geometry_column = ?")) {
            st.setString(1, schema);
            st.setString(2, table);
            st.setString(3, column);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }
}
