package org.naturaflux.request.changes;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.request.changes.SourceChange.AreaChange;
import org.naturaflux.request.changes.SourceChange.Observation;
import org.naturaflux.request.changes.SourceChange.ObservationChange;
import org.naturaflux.request.service.Jobs;
import org.naturaflux.request.service.TerritoryProjection;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.query.ExportQuery;
import org.naturaflux.source.query.RecordFilterSql;
import org.naturaflux.source.status.StatusType;
import org.naturaflux.source.query.SelectionSql;
import org.naturaflux.source.query.SelectionSql.Reference;
import org.naturaflux.source.schema.SourceShape;

/**
 * Which fluxes a batch of source changes touches (blocking: JDBC on the read-only source).
 *
 * <p>An observation change touches a flux when one of its states (before, after) is exported by the flux
 * at that state: its extent as exported (the precise geometry for a precise record; for a degraded one
 * the union of the areas of its level's type it lies in, as sensitivity-lib degrades it; a withheld
 * state has none) intersects the flux's territory, its taxon is one of the flux's taxa (source-lib's
 * rule, descendants included), and the flux's record filters take it (its observation and validation
 * statuses, dates and dataset, by source-lib's {@code RecordFilterSql}, the condition the export applies): a
 * change that moves a record into or out of a flux's filters (an absence turned into a presence, a record
 * validated, its date corrected) runs it, a change of a record the filters leave out at both states does not. A state without a TAXREF taxon or an existing dataset is not exported
 * (source-lib's {@code SelectionSql.referencedAmong}, the export view's inner joins, checked against the
 * source as it stands when the batch is routed), whatever the flux's taxa. So an insert, a delete, a move,
 * a record that becomes more sensitive (its old state was exported) or loses its dataset or taxon (its
 * old state was exported: it leaves the files) all reach the fluxes that must change, and a change
 * between two states that are not exported (an insert or an edit of a record without a dataset) reaches
 * none: such a record only moves between the withheld counts of a manifest, as a withheld one does. An
 * area change touches every flux whose territory its old or new geometry intersects (the records
 * degraded to it, and the territories made of it, are there).
 *
 * <p>Levels come from the platform's sensitivity settings ({@code naturaflux.sensitivity.*}, the
 * export-worker's keys, as the request-service's estimates); the extent of a degraded state is
 * source-lib's statement of the selection rule ({@code SelectionSql.degradedExtent}); territories are resolved by source-lib as exports resolve them,
 * held in an STR-tree, cached per flux version. Intersection rather than the export's shared-surface
 * rule: a change on a territory's very border may schedule a run that changes nothing, never the reverse.
 *
 * <p>A flux whose territory ({@code TerritoryProjection}) or taxa cannot be resolved, and a change that
 * cannot be routed, are set aside and reported in the {@link Routing}; the others are routed. Only an
 * unreachable source fails the batch.
 */
@ApplicationScoped
public class ChangeRouter {

    private static final Logger LOG = Logger.getLogger(ChangeRouter.class);

    /** A flux that opted in to change-driven runs. */
    public record FluxTarget(UUID id, Instant version, FluxSpec spec) {
    }

    /**
     * What a batch gives.
     *
     * @param touched  the fluxes touched, with how many changed states touch each
     * @param failed   the fluxes that could not be routed (their territory or taxa could not be resolved), with why
     * @param skipped  the changes that could not be routed (each logged with its record's id)
     */
    public record Routing(Map<UUID, Long> touched, Map<UUID, String> failed, int skipped) {
    }

    private record Territory(Instant version, Geometry geometry, ExportQuery query) {
    }

    private final AgroalDataSource source;
    private final FieldCatalogue catalogue;
    private final SelectionPlan plan;
    private final Map<UUID, Territory> territories = new ConcurrentHashMap<>();
    private volatile Map<Integer, String> codes = Map.of();

    ChangeRouter(@DataSource("source") AgroalDataSource source, FieldCatalogue catalogue, SensitivityRules rules) {
        this.source = source;
        this.catalogue = catalogue;
        this.plan = rules.selectionPlan();
    }

    /**
     * The fluxes touched, and those that could not be routed. One flux or one change that fails is set
     * aside (reported in the result) and the others are routed; only a failure of the source itself
     * (unreachable) fails the batch.
     *
     * @throws SQLException when the source cannot be reached
     */
    public Routing touched(List<ObservationChange> observations, List<AreaChange> areas, List<FluxTarget> fluxes)
            throws SQLException {
        Map<UUID, Long> touched = new LinkedHashMap<>();
        Map<UUID, String> failed = new LinkedHashMap<>();
        int skipped = 0;
        if (fluxes.isEmpty() || (observations.isEmpty() && areas.isEmpty())) {
            return new Routing(touched, failed, skipped);
        }
        try (Connection connection = source.getConnection()) {
            connection.setReadOnly(true);
            int localSrid = SourceShape.localSrid(connection);
            STRtree index = new STRtree();
            Map<UUID, Territory> current = new HashMap<>();
            for (FluxTarget flux : fluxes) {
                try {
                    Territory territory = territory(connection, flux);
                    if (territory != null) {
                        current.put(flux.id(), territory);
                        index.insert(territory.geometry().getEnvelopeInternal(), flux.id());
                    }
                } catch (TerritoryProjection.NotProjectable | SQLException | RuntimeException e) {
                    failed.put(flux.id(), "change routing: the territory cannot be resolved: " + ownFailure(e, connection));
                }
            }
            territories.keySet().retainAll(current.keySet());
            for (AreaChange area : areas) {
                try {
                    for (Geometry geometry : area.geometries()) {
                        for (UUID flux : intersecting(index, current, geometry)) {
                            touched.merge(flux, 1L, Long::sum);
                        }
                    }
                } catch (RuntimeException e) {
                    skipped++;
                    LOG.warnf("an area change could not be routed, skipped: %s", Jobs.describe(e));
                }
            }
            // Observations: the fluxes whose territory each exported extent meets, then their record filters and taxa.
            Set<Reference> referenced = referenced(connection, observations);
            Map<UUID, List<Observation>> candidates = new HashMap<>();
            for (ObservationChange change : observations) {
                try {
                    for (Observation state : change.states()) {
                        if (referenced != null && !referenced.contains(new Reference(state.cdNom(), state.datasetId()))) {
                            continue;
                        }
                        Geometry extent = extent(connection, state, localSrid);
                        if (extent == null || state.cdNom() == null) {
                            continue;
                        }
                        for (UUID flux : intersecting(index, current, extent)) {
                            candidates.computeIfAbsent(flux, f -> new ArrayList<>()).add(state);
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    String why = ownFailure(e, connection);
                    skipped++;
                    LOG.warnf("the change of synthese record %s could not be routed, skipped: %s", change.states().isEmpty()
                            ? "?" : change.states().get(0).id(), why);
                }
            }
            for (Map.Entry<UUID, List<Observation>> entry : candidates.entrySet()) {
                try {
                    ExportQuery query = current.get(entry.getKey()).query();
                    Map<Integer, Long> byTaxon = new HashMap<>();
                    for (Observation state : filtered(connection, query, entry.getValue())) {
                        byTaxon.merge(state.cdNom(), 1L, Long::sum);
                    }
                    if (byTaxon.isEmpty()) {
                        continue;
                    }
                    Set<Integer> among = query.taxaAmong(connection, byTaxon.keySet());
                    long n = among.stream().mapToLong(byTaxon::get).sum();
                    if (n > 0) {
                        touched.merge(entry.getKey(), n, Long::sum);
                    }
                } catch (SQLException | RuntimeException e) {
                    failed.put(entry.getKey(), "change routing: the record filters or taxa cannot be resolved: "
                            + ownFailure(e, connection));
                }
            }
        }
        return new Routing(touched, failed, skipped);
    }

    /**
     * The fluxes a change of these taxa's statuses (BDC statuts, {@code cd_ref}s) touches: those showing
     * a status field or publishing the statuses companion ({@code options.statuses}) whose taxa
     * (source-lib's {@code taxaAmong}, the export's rule) include one of them,
     * each counted once per such taxon; whatever their territory (a status's validity follows
     * départements, and the export resolves it again). A flux whose taxa cannot be resolved is set aside.
     *
     * @throws SQLException when the source cannot be reached
     */
    public Routing touchedByStatuses(Set<Integer> taxa, List<FluxTarget> fluxes) throws SQLException {
        Map<UUID, Long> touched = new LinkedHashMap<>();
        Map<UUID, String> failed = new LinkedHashMap<>();
        List<FluxTarget> showing = fluxes.stream().filter(f -> f.spec().options().statuses() || f.spec().fields().stream()
                .anyMatch(code -> StatusType.ofField(code).isPresent())).toList();
        if (taxa.isEmpty() || showing.isEmpty()) {
            return new Routing(touched, failed, 0);
        }
        try (Connection connection = source.getConnection()) {
            connection.setReadOnly(true);
            for (FluxTarget flux : showing) {
                try {
                    Set<Integer> among = ExportQuery.of(flux.spec(), catalogue, plan).taxaAmong(connection, taxa);
                    if (!among.isEmpty()) {
                        touched.put(flux.id(), (long) among.size());
                    }
                } catch (SQLException | RuntimeException e) {
                    failed.put(flux.id(), "status change routing: the taxa cannot be resolved: " + ownFailure(e, connection));
                }
            }
        }
        return new Routing(touched, failed, 0);
    }

    /**
     * Why one flux or one change failed, when the failure is its own; a failure of the source itself
     * (unreachable) is thrown again, to fail the batch and have it retried.
     */
    private static String ownFailure(Exception e, Connection connection) throws SQLException {
        if (e instanceof SQLException sql && TerritoryProjection.unreachable(sql, connection)) {
            throw sql;
        }
        return e instanceof TerritoryProjection.NotProjectable ? e.getMessage() : Jobs.describe(e);
    }

    private static List<UUID> intersecting(STRtree index, Map<UUID, Territory> territories, Geometry geometry) {
        List<UUID> hits = new ArrayList<>();
        for (Object candidate : index.query(geometry.getEnvelopeInternal())) {
            UUID flux = (UUID) candidate;
            if (territories.get(flux).geometry().intersects(geometry)) {
                hits.add(flux);
            }
        }
        return hits;
    }

    /** The flux's territory in the source's local projection, resolved by source-lib; cached while the flux is unchanged. */
    private Territory territory(Connection connection, FluxTarget flux) throws SQLException, TerritoryProjection.NotProjectable {
        Territory cached = territories.get(flux.id());
        if (cached != null && cached.version().equals(flux.version())) {
            return cached;
        }
        ExportQuery query = ExportQuery.of(flux.spec(), catalogue, plan);
        Geometry local = TerritoryProjection.local(connection, query);
        if (local == null) {
            LOG.warnf("flux %s: its territory's areas no longer exist in the source; no change reaches it", flux.id());
            return null;
        }
        Territory territory = new Territory(flux.version(), local, query);
        territories.put(flux.id(), territory);
        return territory;
    }

    /**
     * The states the flux's record filters take (source-lib's statement of them, evaluated by the source on the
     * states' statuses, dates and dataset).
     */
    private static List<Observation> filtered(Connection connection, ExportQuery query, List<Observation> states)
            throws SQLException {
        List<RecordFilterSql.State> rows = new ArrayList<>(states.size());
        for (int i = 0; i < states.size(); i++) {
            Observation state = states.get(i);
            rows.add(new RecordFilterSql.State(i, state.observationStatusId(), state.validationStatusId(), state.dateMin(),
                    state.dateMax(), state.datasetId()));
        }
        Set<Long> kept = query.filtersAccept(connection, rows);
        List<Observation> filtered = new ArrayList<>(kept.size());
        for (int i = 0; i < states.size(); i++) {
            if (kept.contains((long) i)) {
                filtered.add(states.get(i));
            }
        }
        return filtered;
    }

    /**
     * The (taxon, dataset) pairs of the states that name a TAXREF taxon and an existing dataset; null when
     * the source cannot tell (every state is then routed as if it did: a run too many rather than one
     * missed).
     */
    private static Set<Reference> referenced(Connection connection, List<ObservationChange> observations) throws SQLException {
        Set<Reference> pairs = new HashSet<>();
        for (ObservationChange change : observations) {
            for (Observation state : change.states()) {
                pairs.add(new Reference(state.cdNom(), state.datasetId()));
            }
        }
        try {
            return SelectionSql.referencedAmong(connection, pairs);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("the taxa and datasets of %d changes could not be checked, routed without: %s", observations.size(),
                    ownFailure(e, connection));
            return null;
        }
    }

    /** What the state looks like once exported: null when withheld (or nowhere). */
    private Geometry extent(Connection connection, Observation state, int localSrid) throws SQLException {
        if (state.localGeometry() == null) {
            return null;
        }
        DiffusionLevel level = plan.levelOf(code(connection, state.sensitivityId()), code(connection, state.diffusionId()));
        if (level == DiffusionLevel.PRECISE) {
            return state.localGeometry();
        }
        if (level == DiffusionLevel.WITHHELD) {
            return null;
        }
        byte[] ewkb = SelectionSql.degradedExtent(connection, plan.areaTypeCode(level),
                new WKBWriter(2).write(state.localGeometry()), localSrid);
        return ewkb == null ? null : read(ewkb);
    }

    /** The SINP code of a nomenclature id (SENSIBILITE, NIV_PRECIS); reloaded once when unknown. */
    private String code(Connection connection, Integer id) throws SQLException {
        if (id == null) {
            return null;
        }
        String code = codes.get(id);
        if (code == null) {
            Map<Integer, String> loaded = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT n.id_nomenclature, n.cd_nomenclature"
                    + " FROM ref_nomenclatures.t_nomenclatures n JOIN ref_nomenclatures.bib_nomenclatures_types t"
                    + " ON t.id_type = n.id_type WHERE t.mnemonique IN ('SENSIBILITE', 'NIV_PRECIS')");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    loaded.put(rs.getInt(1), rs.getString(2));
                }
            }
            codes = Map.copyOf(loaded);
            code = codes.get(id);
        }
        // An id that is no SINP sensitivity code: the rules treat an unknown code as such.
        return code == null ? "?" + id : code;
    }

    private static Geometry read(byte[] ewkb) {
        try {
            return new WKBReader().read(ewkb);
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable geometry from the source: " + e.getMessage(), e);
        }
    }
}
