package org.naturaflux.request.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.request.SourceAccess;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.changes.ChangeRouter.FluxTarget;
import org.naturaflux.request.changes.SourceChange.ObservationChange;
import org.naturaflux.request.service.EstimateOracle;
import org.naturaflux.request.service.FluxEstimates;
import org.naturaflux.request.service.SourceChecks;
import org.naturaflux.sensitivity.rules.SensitivitySettings;
import org.naturaflux.source.query.ExportQuery;

/**
 * A platform that degrades GRID records to the INPN 5 km grid ({@code naturaflux.sensitivity.grid-area-type
 * = M5}, the export-worker's key): the request-service's change routing follows it, as the export does
 * and so does its estimate by level (the planner's {@code estimatedCount} stays level-blind). A GRID record of the test source and two small territories in its 10 km cell: one in its
 * own 5 km cell, one in another 5 km cell of the same 10 km cell. The oracle is SQL written here (which
 * cells of each type hold the record); the export is source-lib's query under the plan the worker builds
 * from the same keys ({@link SensitivitySettings}).
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {
        @ResourceArg(name = "label", value = "configured-grid"),
        @ResourceArg(name = "naturaflux.sensitivity.grid-area-type", value = "M5")})
class ConfiguredGridTest {

    /** The worker's plan under the same setting; and the default one, which this platform does not use. */
    private static final SelectionPlan M5 = new SensitivitySettings(DiffusionLevel.WITHHELD, DiffusionLevel.PRECISE,
            DiffusionLevel.PRECISE, DiffusionLevel.PRECISE, "COM", "M5", "DEP", 1.0).rules().selectionPlan();
    private static final SelectionPlan M10 = SensitivitySettings.defaults().rules().selectionPlan();

    @Inject
    ChangeRouter router;
    @Inject
    SourceChecks checks;
    @Inject
    FieldCatalogue catalogue;
    @Inject
    FluxEstimates estimates;

    @Test
    void changeRoutingDegradesToTheConfiguredGridAsTheExportDoes() throws SQLException {
        RoutedStates.Picked record = RoutedStates.first(M5, DiffusionLevel.GRID);
        Cells cells = cells(record.id());
        assertThat(cells.inOwnM5()).as("oracle: the first territory meets the record's 5 km cell").isTrue();
        assertThat(cells.inOtherM5()).as("oracle: the second territory does not").isFalse();

        FluxTarget own = RoutedStates.flux(cells.ownM5Territory(), TaxaFilter.all());
        FluxTarget other = RoutedStates.flux(cells.otherM5Territory(), TaxaFilter.all());
        ChangeRouter.Routing routing = router.touched(List.of(new ObservationChange(null, record.state())), List.of(),
                List.of(own, other));
        assertThat(routing.failed()).isEmpty();
        assertThat(routing.touched().keySet()).containsExactly(own.id());

        // The export under the worker's plan takes the record in the first territory only; under the default
        // 10 km grid it would take it in both (so routing by the default would run the second flux for nothing).
        assertThat(exportedIds(cells.ownM5Territory(), M5)).contains(record.id());
        assertThat(exportedIds(cells.otherM5Territory(), M5)).doesNotContain(record.id());
        assertThat(exportedIds(cells.otherM5Territory(), M10)).contains(record.id());
    }

    /**
     * The estimate of a request is the planner's for source-lib's estimate statement, which counts the
     * records located in the territory whatever their level ({@code ExportQuery.estimate}): no grid enters
     * it, so the configured one and the default give the same, which is the service's.
     */
    @Test
    void estimatesAreSourceLibsWhichNoGridEnters() throws SQLException {
        RoutedStates.Picked record = RoutedStates.first(M5, DiffusionLevel.GRID);
        Territory territory = new Territory.Wkt(RoutedStates.square(record.lon(), record.lat(), 0.05));
        Long estimate = checks.check(territory, TaxaFilter.all(), RecordFilters.defaults()).await().indefinitely().estimate();
        long m5;
        long m10;
        try (Connection db = SourceAccess.connect()) {
            m5 = ExportQuery.of(territory, TaxaFilter.all(), RecordFilters.defaults(), List.of(), M5).estimate(db);
            m10 = ExportQuery.of(territory, TaxaFilter.all(), RecordFilters.defaults(), List.of(), M10).estimate(db);
        }
        assertThat(m5).isEqualTo(m10);
        assertThat(estimate).isEqualTo(m5);
    }

    /**
     * The estimate by level ({@link FluxEstimates}, behind {@code POST /api/v1/fluxes/estimate}) counts GRID
     * records by the configured 5 km cells: in the territory of another 5 km cell of the record's 10 km cell, the
     * record is not counted, as the export does not take it; the counts equal the oracle's under M5.
     */
    @Test
    void theEstimateByLevelCountsByTheConfiguredGrid() throws SQLException {
        RoutedStates.Picked record = RoutedStates.first(M5, DiffusionLevel.GRID);
        Cells cells = cells(record.id());
        for (String territory : List.of(cells.ownM5Territory(), cells.otherM5Territory())) {
            Map<String, Long> m5 = EstimateOracle.counts(territory, "M5");
            FluxEstimates.FluxEstimate estimate = estimates.estimate(new Territory.Wkt(territory), TaxaFilter.all(), RecordFilters.defaults())
                    .await().indefinitely();
            assertThat(estimate.estimate().exact()).isTrue();
            assertThat(estimate.estimate().counts().byLevel().get(DiffusionLevel.GRID)).as("GRID in " + territory)
                    .isEqualTo(m5.getOrDefault("GRID", 0L));
            assertThat(estimate.estimate().counts().byLevel().get(DiffusionLevel.PRECISE))
                    .isEqualTo(m5.getOrDefault("PRECISE", 0L));
            assertThat(estimate.labels().get(DiffusionLevel.GRID)).isEqualTo("Diffusion à la maille 5km");
        }
        assertThat(EstimateOracle.counts(cells.ownM5Territory(), "M5").getOrDefault("GRID", 0L))
                .as("oracle: the record's own 5 km cell holds GRID records").isPositive();
        assertThat(EstimateOracle.counts(cells.otherM5Territory(), "M5").getOrDefault("GRID", 0L))
                .as("oracle: the 10 km grid would count other GRID records in the second territory")
                .isNotEqualTo(EstimateOracle.counts(cells.otherM5Territory(), "M10").getOrDefault("GRID", 0L));
    }

    /**
     * Oracle: WGS84 squares of about 300 m at the centre of the record's 5 km cell and of another 5 km cell
     * of its 10 km cell, and whether each meets the 5 km cells that hold the record.
     */
    private record Cells(String ownM5Territory, String otherM5Territory, boolean inOwnM5, boolean inOtherM5) {
    }

    private static Cells cells(long id) throws SQLException {
        String cell = " FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type WHERE a.enable AND t.type_code = ";
        String square = "ST_AsText(ST_Expand(ST_Transform(ST_Centroid(%s), 4326), 0.0015))";
        try (Connection db = SourceAccess.connect(); PreparedStatement st = db.prepareStatement(
                "WITH r AS (SELECT the_geom_local AS g FROM gn_synthese.synthese WHERE id_synthese = ?),"
                        + " m10 AS (SELECT a.geom" + cell + "'M10' AND ST_Intersects(a.geom, (SELECT g FROM r)) LIMIT 1),"
                        + " own AS (SELECT ST_Union(a.geom) AS geom" + cell + "'M5' AND ST_Intersects(a.geom, (SELECT g FROM r))),"
                        + " first AS (SELECT a.geom" + cell + "'M5' AND ST_Intersects(a.geom, (SELECT g FROM r)) LIMIT 1),"
                        + " other AS (SELECT a.geom" + cell + "'M5' AND ST_Covers((SELECT geom FROM m10), ST_Centroid(a.geom))"
                        + "  AND NOT ST_DWithin(ST_Centroid(a.geom), (SELECT geom FROM own), 1000) LIMIT 1),"
                        + " terr AS (SELECT " + String.format(square, "(SELECT geom FROM first)") + " AS own_wkt, "
                        + String.format(square, "(SELECT geom FROM other)") + " AS other_wkt)"
                        + " SELECT own_wkt, other_wkt,"
                        + " ST_Intersects((SELECT geom FROM own), ST_Transform(ST_GeomFromText(own_wkt, 4326), ST_SRID((SELECT g FROM r)))),"
                        + " ST_Intersects((SELECT geom FROM own), ST_Transform(ST_GeomFromText(other_wkt, 4326), ST_SRID((SELECT g FROM r))))"
                        + " FROM terr")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertThat(rs.getString(2)).as("another 5 km cell in the record's 10 km cell").isNotNull();
                return new Cells(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4));
            }
        }
    }

    private Set<Long> exportedIds(String wkt, SelectionPlan plan) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection db = SourceAccess.connect()) {
            ExportQuery.of(new Territory.Wkt(wkt), TaxaFilter.all(), List.of(catalogue.require("id_synthese")), plan)
                    .forEach(db, 500, row -> ids.add(row.id()));
        }
        return ids;
    }
}
