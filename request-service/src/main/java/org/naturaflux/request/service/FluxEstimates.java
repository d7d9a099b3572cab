package org.naturaflux.request.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.request.config.EstimateConfig;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.query.EstimateBounds;
import org.naturaflux.source.query.ExportEstimate;
import org.naturaflux.source.query.ExportEstimator;
import org.naturaflux.source.reference.AreaIndexCache;

/**
 * The exact count by level of what a flux would export now, within {@code naturaflux.estimate.*}: source-lib's
 * {@link ExportEstimator} with the platform's sensitivity rules (those the worker degrades with) and an area
 * index of this process (loaded on the first estimate or preview, again when the areas change), on the read-only
 * datasource {@code source}. The JDBC calls block: {@link #estimate} runs them on a worker thread.
 */
@ApplicationScoped
public class FluxEstimates {

    private static final Logger LOG = Logger.getLogger(FluxEstimates.class);

    private final AgroalDataSource source;
    private final Vertx vertx;
    private final ExportEstimator estimator;
    private final Map<DiffusionLevel, String> labels;

    FluxEstimates(@DataSource("source") AgroalDataSource source, Vertx vertx, SensitivityRules rules, AreaIndexCache areas,
                  EstimateConfig config) {
        this.source = source;
        this.vertx = vertx;
        this.estimator = new ExportEstimator(rules, areas, config.bounds());
        Map<DiffusionLevel, String> words = new EnumMap<>(DiffusionLevel.class);
        for (DiffusionLevel level : DiffusionLevel.values()) {
            if (level != DiffusionLevel.WITHHELD) {
                words.put(level, rules.wording(level));
            }
        }
        this.labels = Map.copyOf(words);
    }

    /**
     * The estimate of an exportable territory, taxa and record filters.
     *
     * @return a failure {@link ApiException} 503 when the source cannot be reached (by {@link DatabaseFailures})
     */
    public Uni<FluxEstimate> estimate(Territory territory, TaxaFilter taxa, RecordFilters filters) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> estimateBlocking(territory, taxa, filters)), false);
    }

    FluxEstimate estimateBlocking(Territory territory, TaxaFilter taxa, RecordFilters filters) {
        try (Connection connection = source.getConnection()) {
            connection.setReadOnly(true);
            ExportEstimate estimate = estimator.estimate(connection, territory, taxa, filters);
            if (!estimate.exact()) {
                LOG.infof("estimate stopped by %s after %d records (bounds %s)", estimate.stoppedBy(), estimate.examined(),
                        estimator.bounds());
            }
            return new FluxEstimate(estimate, labels, estimator.bounds());
        } catch (SQLException e) {
            LOG.warnf("estimate on the observation source failed (SQLState %s): %s", e.getSQLState(), e.getMessage());
            throw DatabaseFailures.toApi(e, "the observation source");
        }
    }

    /**
     * @param estimate what source-lib counted
     * @param labels   the French wording of each level partners read in {@code niveau_sensibilite} (the configured grid's
     *                 size included)
     * @param bounds   the bounds it was counted within
     */
    public record FluxEstimate(ExportEstimate estimate, Map<DiffusionLevel, String> labels, EstimateBounds bounds) {
    }
}
