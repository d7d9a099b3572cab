package org.naturaflux.request.rest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.naturaflux.request.SourceAccess;

/** What a test reads from the source on its own, to build valid requests. */
final class SourceReads {

    private SourceReads() {
    }

    /** A valid TAXREF taxon ({@code cd_nom = cd_ref}) of the test source. */
    static int validCdRef() {
        try (Connection connection = SourceAccess.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT cd_ref FROM taxonomie.taxref WHERE cd_nom = cd_ref ORDER BY cd_ref LIMIT 1")) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            throw new AssertionError("cannot read the test source", e);
        }
    }

    /** The dataset ({@code unique_dataset_id}) of the test source with the most records. */
    static java.util.UUID aDataset() {
        try (Connection connection = SourceAccess.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT d.unique_dataset_id FROM gn_meta.t_datasets d"
                     + " JOIN gn_synthese.synthese s ON s.id_dataset = d.id_dataset GROUP BY d.unique_dataset_id"
                     + " ORDER BY count(*) DESC, d.unique_dataset_id LIMIT 1")) {
            rs.next();
            return java.util.UUID.fromString(rs.getString(1));
        } catch (Exception e) {
            throw new AssertionError("cannot read the test source", e);
        }
    }

    /** An organism ({@code uuid_organisme}) of the test source that a dataset names as its producer, the one with the most records. */
    static java.util.UUID aProducer() {
        try (Connection connection = SourceAccess.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT o.uuid_organisme FROM utilisateurs.bib_organismes o"
                     + " JOIN gn_meta.cor_dataset_actor a ON a.id_organism = o.id_organisme"
                     + " JOIN ref_nomenclatures.t_nomenclatures r ON r.id_nomenclature = a.id_nomenclature_actor_role"
                     + " AND r.label_default = 'Producteur du jeu de données'"
                     + " JOIN gn_synthese.synthese s ON s.id_dataset = a.id_dataset GROUP BY o.uuid_organisme"
                     + " ORDER BY count(*) DESC, o.uuid_organisme LIMIT 1")) {
            rs.next();
            return java.util.UUID.fromString(rs.getString(1));
        } catch (Exception e) {
            throw new AssertionError("cannot read the test source", e);
        }
    }
}
