package org.naturaflux.request.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.changes.ChangeRouter.FluxTarget;
import org.naturaflux.request.changes.SourceChange.Observation;
import org.naturaflux.request.changes.SourceChange.ObservationChange;
import org.naturaflux.sensitivity.rules.SensitivityRules;

/**
 * Change routing drops the states GeoNature's export view drops (inner joins on TAXREF and the datasets),
 * as the export does: a change between two such states runs no flux, even one that takes every taxon; a
 * record that loses its dataset or taxon leaves the files, so its old state still runs the fluxes it was
 * in. The states are those of a real precise record of the test source, routed by the service's own
 * {@link ChangeRouter} against that source.
 */
@QuarkusTest
// Routes in memory against the shared source: the default resources, so the application other such classes boot.
@WithTestResource(StackResource.class)
class UnreferencedChangesTest {

    /** Not in TAXREF (the demo's codes are far below), nor a dataset. */
    private static final int UNKNOWN_TAXON = 999_999_999;
    private static final int UNKNOWN_DATASET = -7;

    @Inject
    ChangeRouter router;
    @Inject
    SensitivityRules rules;

    private RoutedStates.Picked record;
    private FluxTarget everyTaxon;
    private FluxTarget itsGroup;

    @BeforeEach
    void pick() throws SQLException {
        record = RoutedStates.first(rules.selectionPlan(), DiffusionLevel.PRECISE);
        String around = RoutedStates.square(record.lon(), record.lat(), 0.01);
        everyTaxon = RoutedStates.flux(around, TaxaFilter.all());
        itsGroup = RoutedStates.flux(around, new TaxaFilter(List.of(record.group1()), List.of()));
    }

    @Test
    void aRecordWithItsTaxonAndDatasetRunsTheFluxesItIsIn() throws SQLException {
        assertThat(touched(new ObservationChange(null, record.state()))).containsExactlyInAnyOrder(everyTaxon.id(), itsGroup.id());
    }

    @Test
    void aRecordWithoutDatasetRunsNoFlux() throws SQLException {
        assertThat(touched(new ObservationChange(null, record.state(record.cdNom(), null)))).isEmpty();
        assertThat(touched(new ObservationChange(null, record.state(record.cdNom(), UNKNOWN_DATASET)))).isEmpty();
        assertThat(touched(new ObservationChange(record.state(record.cdNom(), null), null))).isEmpty();
    }

    @Test
    void aRecordWhoseTaxonTaxrefDoesNotKnowRunsNoFluxNotEvenOneOfEveryTaxon() throws SQLException {
        assertThat(touched(new ObservationChange(null, record.state(UNKNOWN_TAXON, record.datasetId())))).isEmpty();
        assertThat(touched(new ObservationChange(null, record.state(null, record.datasetId())))).isEmpty();
    }

    @Test
    void aRecordLosingOrGainingItsDatasetRunsTheFluxesItLeavesOrEnters() throws SQLException {
        Observation referenced = record.state();
        Observation withoutDataset = record.state(record.cdNom(), null);
        Observation withoutTaxon = record.state(UNKNOWN_TAXON, record.datasetId());
        assertThat(touched(new ObservationChange(referenced, withoutDataset))).containsExactlyInAnyOrder(everyTaxon.id(), itsGroup.id());
        assertThat(touched(new ObservationChange(withoutDataset, referenced))).containsExactlyInAnyOrder(everyTaxon.id(), itsGroup.id());
        assertThat(touched(new ObservationChange(referenced, withoutTaxon))).containsExactlyInAnyOrder(everyTaxon.id(), itsGroup.id());
        assertThat(touched(new ObservationChange(withoutDataset, withoutTaxon))).isEmpty();
    }

    /** In one batch, the unreferenced changes beside a referenced one count for nothing. */
    @Test
    void onlyTheReferencedChangesOfABatchCount() throws SQLException {
        ChangeRouter.Routing routing = router.touched(List.of(new ObservationChange(null, record.state()),
                new ObservationChange(null, record.state(record.cdNom(), null)),
                new ObservationChange(null, record.state(UNKNOWN_TAXON, record.datasetId()))), List.of(), List.of(everyTaxon, itsGroup));
        assertThat(routing.touched()).containsEntry(everyTaxon.id(), 1L).containsEntry(itsGroup.id(), 1L);
        assertThat(routing.skipped()).isZero();
        assertThat(routing.failed()).isEmpty();
    }

    private java.util.Set<UUID> touched(ObservationChange change) throws SQLException {
        ChangeRouter.Routing routing = router.touched(List.of(change), List.of(), List.of(everyTaxon, itsGroup));
        assertThat(routing.failed()).isEmpty();
        assertThat(routing.skipped()).isZero();
        return routing.touched().keySet();
    }
}
