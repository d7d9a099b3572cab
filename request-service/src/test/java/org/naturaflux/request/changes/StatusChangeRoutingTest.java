package org.naturaflux.request.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.request.SourceAccess;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.changes.ChangeRouter.FluxTarget;

/**
 * Which change-driven fluxes a change of taxon statuses in the BDC touches (what {@link StatusReloadWatcher}
 * records after a reload): those showing a status field (or publishing the statuses companion) whose taxa hold
 * one of the changed taxa, whatever
 * their territory. The changed taxa are those of the demo's departmental text of Seine-et-Marne, read here
 * in SQL with their INPN group (the oracle: flowering plants, no bird).
 */
@QuarkusTest
// Routes in memory against the shared source: the default resources, so the application other such classes boot.
@WithTestResource(StackResource.class)
class StatusChangeRoutingTest {

    private static final String PARIS = "POLYGON ((2.30 48.83, 2.40 48.83, 2.40 48.89, 2.30 48.89, 2.30 48.83))";

    @Inject
    ChangeRouter router;

    @Test
    void aStatusChangeTouchesTheFluxesShowingStatusesOfThoseTaxa() throws SQLException {
        Set<Integer> taxa = new HashSet<>();
        Set<String> groups = new HashSet<>();
        try (Connection db = SourceAccess.connect(); PreparedStatement st = db.prepareStatement("SELECT DISTINCT s.cd_ref,"
                + " t.group2_inpn FROM taxonomie.bdc_statut_taxons s"
                + " JOIN taxonomie.bdc_statut_cor_text_values c ON c.id_value_text = s.id_value_text"
                + " JOIN taxonomie.bdc_statut_text x ON x.id_text = c.id_text"
                + " JOIN taxonomie.taxref t ON t.cd_nom = s.cd_ref WHERE x.cd_st_text = 'PD_77'");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                taxa.add(rs.getInt(1));
                groups.add(rs.getString(2));
            }
        }
        assertThat(taxa).hasSize(3);
        assertThat(groups).containsExactly("Angiospermes");

        FluxTarget flora = flux(new TaxaFilter(List.of("Angiospermes"), List.of()), "protection_departementale");
        FluxTarget everyTaxon = flux(TaxaFilter.all(), "liste_rouge_regionale");
        FluxTarget birds = flux(new TaxaFilter(List.of("Oiseaux"), List.of()), "protection_departementale");
        FluxTarget floraWithoutStatus = flux(new TaxaFilter(List.of("Angiospermes"), List.of()), "nom_valide");
        FluxTarget oneOfThem = flux(new TaxaFilter(List.of(), List.of(taxa.iterator().next())), "directive_habitats");
        FluxTarget floraCompanion = new FluxTarget(UUID.randomUUID(), Instant.now(), new FluxSpec(new Territory.Wkt(PARIS),
                new TaxaFilter(List.of("Angiospermes"), List.of()), List.of("id_synthese", "nom_valide"), List.of(ExportFormat.CSV),
                new ExportOptions(null, null, null, null, null, null, null, null, true, null, null, null, true)));

        ChangeRouter.Routing routing = router.touchedByStatuses(taxa,
                List.of(flora, everyTaxon, birds, floraWithoutStatus, oneOfThem, floraCompanion));
        assertThat(routing.failed()).isEmpty();
        assertThat(routing.touched()).containsOnlyKeys(flora.id(), everyTaxon.id(), oneOfThem.id(), floraCompanion.id());
        assertThat(routing.touched().get(flora.id())).isEqualTo(3L);
        assertThat(routing.touched().get(oneOfThem.id())).isEqualTo(1L);
        assertThat(router.touchedByStatuses(Set.of(), List.of(flora)).touched()).isEmpty();
    }

    private static FluxTarget flux(TaxaFilter taxa, String field) {
        return new FluxTarget(UUID.randomUUID(), Instant.now(), new FluxSpec(new Territory.Wkt(PARIS), taxa,
                List.of("id_synthese", field), List.of(ExportFormat.CSV), null));
    }
}
