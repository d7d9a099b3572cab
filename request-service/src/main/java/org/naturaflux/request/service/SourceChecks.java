package org.naturaflux.request.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.model.spec.Violation;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.query.ExportQuery;
import org.naturaflux.source.reference.AreaCatalog;
import org.naturaflux.source.reference.RecordFilterCatalog;
import org.naturaflux.source.reference.TaxonGroupLoader;

/**
 * What only the observation source can tell about a request, through source-lib and the read-only
 * datasource {@code source}: the area types and areas of a territory exist in {@code ref_geo}, the INPN
 * groups and TAXREF codes exist, the record filters' status codes ({@code STATUT_OBS}, {@code STATUT_VALID}),
 * datasets and producers (organisms) exist in the source, the territory can be projected into the source's local system
 * ({@link TerritoryProjection}), and how many records the flux will roughly export (the planner's
 * estimate of source-lib's export query, with the selection plan of the platform's sensitivity settings,
 * {@code naturaflux.sensitivity.*}, as the export-worker's).
 *
 * <p>The JDBC calls block: {@link #check} runs them on a worker thread and hands the result back on the
 * caller's Vert.x context, where Hibernate Reactive may go on.
 */
@ApplicationScoped
public class SourceChecks {

    private static final Logger LOG = Logger.getLogger(SourceChecks.class);

    private final AgroalDataSource source;
    private final Vertx vertx;
    private final SelectionPlan plan;

    SourceChecks(@DataSource("source") AgroalDataSource source, Vertx vertx, SensitivityRules rules) {
        this.source = source;
        this.vertx = vertx;
        this.plan = rules.selectionPlan();
    }

    /**
     * The report of a request.
     *
     * @return a failure {@link ApiException} 503 when the source cannot be reached (by {@link DatabaseFailures})
     */
    public Uni<SourceReport> check(Territory territory, TaxaFilter taxa, RecordFilters filters) {
        // Unordered: ordered blocking tasks queue behind each other per event loop, so one slow check
        // would hold every other request served by that loop.
        return vertx.executeBlocking(Uni.createFrom().item(() -> checkBlocking(territory, taxa, filters)), false);
    }

    SourceReport checkBlocking(Territory territory, TaxaFilter taxa, RecordFilters filters) {
        try (Connection connection = source.getConnection()) {
            connection.setReadOnly(true);
            List<Violation> violations = new ArrayList<>();
            if (territory instanceof Territory.Areas areas) {
                checkAreas(connection, areas.areas(), violations);
            }
            if (!taxa.groups().isEmpty()) {
                List<String> unknown = TaxonGroupLoader.unknownGroups(connection, taxa.groups());
                for (int i = 0; i < taxa.groups().size(); i++) {
                    if (unknown.contains(taxa.groups().get(i))) {
                        violations.add(new Violation("/taxa/groups/" + i, "unknown INPN group '" + taxa.groups().get(i)
                                + "' (groups 1 to 3 of TAXREF, e.g. Oiseaux, Mammifères, Angiospermes)"));
                    }
                }
            }
            if (!taxa.cdRefs().isEmpty()) {
                List<Integer> missing = TaxonGroupLoader.missingCdRefs(connection, taxa.cdRefs());
                for (int i = 0; i < taxa.cdRefs().size(); i++) {
                    if (missing.contains(taxa.cdRefs().get(i))) {
                        violations.add(new Violation("/taxa/cdRefs/" + i, "no valid TAXREF taxon has cd_ref "
                                + taxa.cdRefs().get(i)));
                    }
                }
            }
            checkFilters(connection, filters, violations);
            Long estimate = null;
            if (violations.isEmpty() && territory.isExportable()) {
                ExportQuery query = ExportQuery.of(territory, taxa, filters, List.of(), plan);
                try {
                    TerritoryProjection.local(connection, query);
                    estimate = estimate(connection, query);
                } catch (TerritoryProjection.NotProjectable e) {
                    violations.add(new Violation("/territory", e.getMessage()));
                }
            }
            return new SourceReport(violations, estimate);
        } catch (SQLException e) {
            // a value the source refuses (SQLState 22) is the client's 400; only a connection failure is a 503
            LOG.warnf("observation source check failed (SQLState %s): %s", e.getSQLState(), e.getMessage());
            throw DatabaseFailures.toApi(e, "the observation source");
        }
    }

    private static void checkAreas(Connection connection, List<AreaRef> areas, List<Violation> violations) throws SQLException {
        Set<String> types = new TreeSet<>();
        AreaCatalog.areaTypes(connection).forEach(type -> types.add(type.code()));
        List<AreaRef> known = new ArrayList<>();
        for (int i = 0; i < areas.size(); i++) {
            if (!types.contains(areas.get(i).type())) {
                violations.add(new Violation("/territory/areas/" + i + "/type", "unknown area type '" + areas.get(i).type()
                        + "' (the source has " + String.join(", ", types) + ")"));
            } else {
                known.add(areas.get(i));
            }
        }
        if (known.isEmpty()) {
            return;
        }
        List<AreaRef> missing = AreaCatalog.missing(connection, known);
        for (int i = 0; i < areas.size(); i++) {
            if (missing.contains(areas.get(i))) {
                violations.add(new Violation("/territory/areas/" + i + "/code", "no area of type " + areas.get(i).type()
                        + " has code '" + areas.get(i).code() + "'"));
            }
        }
    }

    private static void checkFilters(Connection connection, RecordFilters filters, List<Violation> violations)
            throws SQLException {
        checkCodes(connection, RecordFilters.OBSERVATION_STATUS_TYPE, filters.observationStatus(),
                "/filters/observationStatus", violations);
        checkCodes(connection, RecordFilters.VALIDATION_STATUS_TYPE, filters.validationStatus(),
                "/filters/validationStatus", violations);
        for (String list : List.of("include", "exclude")) {
            List<java.util.UUID> ids = list.equals("include") ? filters.datasets().include() : filters.datasets().exclude();
            List<java.util.UUID> missing = RecordFilterCatalog.missingDatasets(connection, ids);
            for (int i = 0; i < ids.size(); i++) {
                if (missing.contains(ids.get(i))) {
                    violations.add(new Violation("/filters/datasets/" + list + "/" + i, "no dataset of the source has"
                            + " unique_dataset_id " + ids.get(i)));
                }
            }
            List<java.util.UUID> organisms = list.equals("include") ? filters.producers().include() : filters.producers().exclude();
            List<java.util.UUID> unknown = RecordFilterCatalog.missingOrganisms(connection, organisms);
            for (int i = 0; i < organisms.size(); i++) {
                if (unknown.contains(organisms.get(i))) {
                    violations.add(new Violation("/filters/producers/" + list + "/" + i, "no organism of the source"
                            + " (utilisateurs.bib_organismes) has uuid_organisme " + organisms.get(i)));
                }
            }
        }
    }

    private static void checkCodes(Connection connection, String type, List<String> codes, String path,
                                   List<Violation> violations) throws SQLException {
        if (codes.isEmpty()) {
            return;
        }
        Map<String, String> known = RecordFilterCatalog.codes(connection, type);
        for (int i = 0; i < codes.size(); i++) {
            if (!known.containsKey(codes.get(i))) {
                List<String> listed = new ArrayList<>();
                known.forEach((code, label) -> listed.add(code + " (" + label + ")"));
                violations.add(new Violation(path + "/" + i, "unknown " + type + " code '" + codes.get(i) + "' (the source has "
                        + (listed.isEmpty() ? "none" : String.join(", ", listed)) + ")"));
            }
        }
    }

    private static Long estimate(Connection connection, ExportQuery query) {
        try {
            return query.estimate(connection);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("cannot estimate the size of a flux: %s", e.getMessage());
            return null;
        }
    }

    /**
     * @param violations what the source refutes, with JSON pointers
     * @param estimate   the planner's estimate of the records, or null when unknown
     */
    public record SourceReport(List<Violation> violations, Long estimate) {
        public SourceReport {
            violations = List.copyOf(violations);
        }
    }
}
