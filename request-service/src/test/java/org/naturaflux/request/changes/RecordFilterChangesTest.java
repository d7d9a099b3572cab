package org.naturaflux.request.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.request.SourceAccess;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.changes.ChangeRouter.FluxTarget;
import org.naturaflux.request.changes.SourceChange.Observation;
import org.naturaflux.request.changes.SourceChange.ObservationChange;
import org.naturaflux.sensitivity.rules.SensitivityRules;

/**
 * Change routing applies each flux's record filters as the export does: a change that moves a record into or
 * out of a flux's filters (a presence turned into an absence, a record validated, its date or dataset changed)
 * runs the flux, a change between two states its filters leave out does not. The states are those of a real
 * present, precise record of the test source (its codes' ids read from the source's nomenclatures), routed by
 * the service's own {@link ChangeRouter} against that source, beside fluxes on the same territory that differ
 * by their filters only.
 */
@QuarkusTest
// Routes in memory against the shared source: the default resources, so the application other such classes boot.
@WithTestResource(StackResource.class)
class RecordFilterChangesTest {

    @Inject
    ChangeRouter router;
    @Inject
    SensitivityRules rules;

    private RoutedStates.Picked record;
    private int present;
    private int absent;
    private int certain;
    private int invalid;
    private UUID otherDataset;
    private FluxTarget presences;
    private FluxTarget absences;
    private FluxTarget validated;
    private FluxTarget recent;
    private FluxTarget withoutItsDataset;

    @BeforeEach
    void pick() throws SQLException {
        record = RoutedStates.first(rules.selectionPlan(), DiffusionLevel.PRECISE);
        present = RoutedStates.nomenclature("STATUT_OBS", "Pr");
        absent = RoutedStates.nomenclature("STATUT_OBS", "No");
        certain = RoutedStates.nomenclature("STATUT_VALID", "1");
        invalid = RoutedStates.nomenclature("STATUT_VALID", "4");
        UUID itsDataset;
        try (Connection db = SourceAccess.connect(); PreparedStatement st = db.prepareStatement(
                "SELECT unique_dataset_id, id_dataset = ? FROM gn_meta.t_datasets ORDER BY id_dataset")) {
            st.setInt(1, record.datasetId());
            itsDataset = null;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        itsDataset = UUID.fromString(rs.getString(1));
                    } else if (otherDataset == null) {
                        otherDataset = UUID.fromString(rs.getString(1));
                    }
                }
            }
        }
        String around = RoutedStates.square(record.lon(), record.lat(), 0.01);
        presences = RoutedStates.flux(around, TaxaFilter.all());
        absences = RoutedStates.flux(around, TaxaFilter.all(), new RecordFilters(List.of("No"), null, null, null, null, null));
        validated = RoutedStates.flux(around, TaxaFilter.all(), new RecordFilters(null, List.of("1", "2"), null, null, null, null));
        recent = RoutedStates.flux(around, TaxaFilter.all(), new RecordFilters(null, null,
                record.dateMin().toLocalDate().plusDays(1), null, null, null));
        withoutItsDataset = RoutedStates.flux(around, TaxaFilter.all(), new RecordFilters(null, null, null, null, null,
                new RecordFilters.IdList(null, List.of(itsDataset))));
    }

    @Test
    void aPresentRecordRunsThePresenceFluxesItsFiltersTake() throws SQLException {
        Observation asIs = record.state(present, certain, record.dateMin(), record.dateMax());
        assertThat(touched(new ObservationChange(null, asIs))).containsExactlyInAnyOrder(presences.id(), validated.id());
    }

    @Test
    void anAbsenceRunsOnlyTheFluxThatAsksForAbsences() throws SQLException {
        Observation absence = record.state(absent, certain, record.dateMin(), record.dateMax());
        assertThat(touched(new ObservationChange(null, absence))).containsExactly(absences.id());
    }

    @Test
    void aPresenceTurnedIntoAnAbsenceRunsTheFluxesItLeavesAndEnters() throws SQLException {
        Observation presence = record.state(present, certain, record.dateMin(), record.dateMax());
        Observation absence = record.state(absent, certain, record.dateMin(), record.dateMax());
        assertThat(touched(new ObservationChange(presence, absence)))
                .containsExactlyInAnyOrder(presences.id(), validated.id(), absences.id());
        // an edit between two absences: the presence fluxes do not run
        assertThat(touched(new ObservationChange(absence, record.state(absent, invalid, record.dateMin(), record.dateMax()))))
                .containsExactly(absences.id());
    }

    @Test
    void aRecordValidatedOrInvalidatedRunsTheFluxOfValidatedRecords() throws SQLException {
        Observation unchecked = record.state(present, invalid, record.dateMin(), record.dateMax());
        Observation checked = record.state(present, certain, record.dateMin(), record.dateMax());
        assertThat(touched(new ObservationChange(null, unchecked))).doesNotContain(validated.id()).contains(presences.id());
        assertThat(touched(new ObservationChange(unchecked, checked))).contains(validated.id());
        assertThat(touched(new ObservationChange(checked, unchecked))).contains(validated.id());
    }

    @Test
    void aDateMovedIntoTheFluxsDatesRunsIt() throws SQLException {
        Observation before = record.state(present, certain, record.dateMin(), record.dateMax());
        Observation later = record.state(present, certain, record.dateMin().plusDays(2), record.dateMax().plusDays(2));
        assertThat(touched(new ObservationChange(null, before))).doesNotContain(recent.id());
        assertThat(touched(new ObservationChange(before, later))).contains(recent.id());
        assertThat(LocalDate.from(later.dateMin())).isAfterOrEqualTo(record.dateMin().toLocalDate().plusDays(1));
    }

    @Test
    void aRecordMovedOutOfAnExcludedDatasetRunsTheFluxThatExcludesIt() throws SQLException {
        Observation inIts = record.state(present, certain, record.dateMin(), record.dateMax());
        assertThat(touched(new ObservationChange(null, inIts))).doesNotContain(withoutItsDataset.id());
        Integer otherId = datasetId(otherDataset);
        Observation inOther = new Observation(record.id(), record.local(), record.cdNom(), otherId, record.sensitivityId(),
                record.diffusionId(), present, certain, record.dateMin(), record.dateMax());
        assertThat(touched(new ObservationChange(inIts, inOther))).contains(withoutItsDataset.id());
    }

    private static Integer datasetId(UUID uuid) throws SQLException {
        try (Connection db = SourceAccess.connect(); PreparedStatement st = db.prepareStatement(
                "SELECT id_dataset FROM gn_meta.t_datasets WHERE unique_dataset_id = ?::uuid")) {
            st.setString(1, uuid.toString());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Set<UUID> touched(ObservationChange change) throws SQLException {
        ChangeRouter.Routing routing = router.touched(List.of(change), List.of(),
                List.of(presences, absences, validated, recent, withoutItsDataset));
        assertThat(routing.failed()).isEmpty();
        assertThat(routing.skipped()).isZero();
        return routing.touched().keySet();
    }
}
