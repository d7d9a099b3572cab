package org.naturaflux.worker.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.naturaflux.format.CompanionTable;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.source.status.AcceptedTaxa;
import org.naturaflux.source.status.StatusType;
import org.naturaflux.source.status.TaxonStatus;
import org.naturaflux.source.status.TaxonStatuses;
import org.naturaflux.source.status.TerritoryDepartements;

/**
 * The statuses companion of a run whose flux asks for it ({@code options.statuses}): one row per taxon
 * the run wrote and status applicable in the flux's territory, from TAXREF's BDC statuts.
 *
 * <p><b>Which taxa</b>: those of the records <b>written</b> ({@link #count}, called for each exported
 * record only), by their accepted {@code cd_ref}: a taxon whose records were all withheld is never
 * named, since naming it would reveal that it was observed there. Memory: one entry per TAXREF name met.
 *
 * <p><b>Which statuses</b>: those of the eight types the catalogue shows ({@link StatusType}), of the
 * enabled texts linked to at least one département the territory <em>covers</em> (shares surface with,
 * {@link TerritoryDepartements#covered}; a territory that only borders a département does not take its
 * departmental texts), read once at the end of the pass in the export's snapshot, as a
 * {@value #TABLE} companion table (a CSV file beside the records, a table in the GeoPackage).
 */
final class StatusCompanion {

    /** The companion table's name, and the CSV file's base name. */
    static final String TABLE = "statuts";
    /** The artifact format of its CSV file. */
    static final String FORMAT = TABLE + "-csv";

    private static final String SEPARATOR = ", ";

    /** The columns partners see, in French. */
    static final List<FieldDefinition> COLUMNS = List.of(
            column("cd_ref", "Code TAXREF du taxon de référence", FieldType.INTEGER,
                    "taxonomie.taxref.cd_ref of the written records' names (a synonym's record counts for its accepted taxon)"),
            column("nom_valide", "Nom valide du taxon", FieldType.TEXT, "taxonomie.taxref.nom_valide of the cd_ref"),
            column("type_statut", "Code du type de statut", FieldType.TEXT,
                    "taxonomie.bdc_statut_text.cd_type_statut (PN, PR, PD, LRN, LRR, DO, DH, ZDET)"),
            column("libelle_type_statut", "Type de statut", FieldType.TEXT, "taxonomie.bdc_statut_type.lb_type_statut"),
            column("code_statut", "Code du statut", FieldType.TEXT, "taxonomie.bdc_statut_values.code_statut"),
            column("libelle_statut", "Libellé du statut", FieldType.TEXT, "taxonomie.bdc_statut_values.label_statut"),
            column("texte", "Texte de référence", FieldType.TEXT, "taxonomie.bdc_statut_text.full_citation"),
            column("url_texte", "Adresse du texte de référence", FieldType.TEXT,
                    "taxonomie.bdc_statut_text.doc_url, when the BDC has one"),
            column("zone", "Zone d'application du texte", FieldType.TEXT,
                    "taxonomie.bdc_statut_text.lb_adm_tr (France métropolitaine, a région, a département)"),
            column("departements", "Départements du territoire où le texte s'applique", FieldType.TEXT,
                    "the area_codes of the départements the flux's territory covers that the text is linked to"
                            + " (bdc_statut_cor_text_area), separated by ', '"));

    private final Set<Integer> names = new HashSet<>();

    /** Notes the taxon of one exported record (a record without one is noted nowhere). */
    void count(ObservationRow row) {
        Integer cdNom = row.cdNom();
        if (cdNom != null) {
            names.add(cdNom);
        }
    }

    /** The TAXREF names ({@code cd_nom}) of the records written so far. */
    Set<Integer> names() {
        return Set.copyOf(names);
    }

    /**
     * Reads the written taxa's statuses applicable in the territory, in {@code connection}'s transaction
     * (the export's snapshot), and builds the table.
     */
    CompanionTable complete(Connection connection, TerritoryDepartements territory) throws SQLException {
        Map<Integer, String> taxa = AcceptedTaxa.of(connection, names);
        List<Object[]> rows = new ArrayList<>();
        if (!taxa.isEmpty() && !territory.covered().isEmpty()) {
            TaxonStatuses statuses = TaxonStatuses.load(connection, EnumSet.allOf(StatusType.class), territory.covered(),
                    taxa.keySet());
            Set<String> covered = Set.copyOf(territory.coveredCodes());
            for (Map.Entry<Integer, String> taxon : taxa.entrySet()) {
                for (TaxonStatus status : statuses.statusesOf(taxon.getKey())) {
                    List<String> here = status.departements().stream().filter(covered::contains).toList();
                    rows.add(new Object[] {(long) status.cdRef(), taxon.getValue(), status.type().bdcCode(),
                        status.typeLabel(), status.code(), status.label(), status.citation(), status.url(),
                        status.adminArea(), String.join(SEPARATOR, here)});
                }
            }
        }
        return new CompanionTable(TABLE, COLUMNS, rows);
    }

    private static FieldDefinition column(String code, String label, FieldType type, String description) {
        return new FieldDefinition(code, label, type, description, false, false, Set.of());
    }
}
