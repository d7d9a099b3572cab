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
}
