package org.naturaflux.request.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.request.config.PreviewConfig;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.query.ExportPreview;
import org.naturaflux.source.query.PreviewSample;
import org.naturaflux.source.reference.AreaIndexCache;

/**
 * A preview map of what a flux would export now, within {@code naturaflux.preview.*}: source-lib's
 * {@link ExportPreview} (the export's own rows, degraded by sensitivity-lib with the platform's rules, the area
 * index estimates use and the flux's options) on the read-only datasource {@code source}, each record's geometry
 * as its files hold it, written as GeoJSON with at most {@value #MAX_DECIMALS} decimals (never more than the
 * flux's {@code coordinatePrecision}) and within {@code max-coordinates} for the whole answer. The JDBC calls
 * block: {@link #preview} runs them on a worker thread.
 */
@ApplicationScoped
public class FluxPreviews {

    /** Decimals of a preview's coordinates at most: about 0.1 m, finer than any map shows. */
    static final int MAX_DECIMALS = 6;

    private static final Logger LOG = Logger.getLogger(FluxPreviews.class);

    private final AgroalDataSource source;
    private final Vertx vertx;
    private final ExportPreview preview;
    private final int maxCoordinates;

    FluxPreviews(@DataSource("source") AgroalDataSource source, Vertx vertx, SensitivityRules rules, AreaIndexCache areas,
                 FieldCatalogue catalogue, PreviewConfig config) {
        this.source = source;
        this.vertx = vertx;
        this.preview = new ExportPreview(rules, areas, catalogue, config.bounds());
        this.maxCoordinates = config.maxCoordinates();
    }

    /**
     * The preview of an exportable flux specification (its territory, taxa and options).
     *
     * @return a failure {@link ApiException} 503 when the source cannot be reached or does not answer in time
     */
    public Uni<FluxPreview> preview(FluxSpec spec) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> previewBlocking(spec)), false);
    }

    FluxPreview previewBlocking(FluxSpec spec) {
        PreviewSample sample;
        try (Connection connection = source.getConnection()) {
            connection.setReadOnly(true);
            sample = preview.preview(connection, spec.territory(), spec.taxa(), spec.filters(), spec.options());
        } catch (SQLException e) {
            LOG.warnf("preview on the observation source failed (SQLState %s): %s", e.getSQLState(), e.getMessage());
            throw DatabaseFailures.toApi(e, "the observation source");
        }
        if (!sample.spread()) {
            LOG.infof("preview not spread: ordering the records took more than half of %s", preview.bounds().timeout());
        }
        return new FluxPreview(features(sample, Math.min(MAX_DECIMALS, spec.options().coordinatePrecision())),
                preview.bounds().maxRecords(), sample.spread(), sample.computedAt());
    }

    /** The records with a geometry, as features; each geometry within its share of the answer's coordinates. */
    private List<Feature> features(PreviewSample sample, int decimals) {
        List<PreviewSample.Record> located = sample.records().stream().filter(r -> r.geometry() != null).toList();
        int share = located.isEmpty() ? maxCoordinates : Math.max(1, maxCoordinates / located.size());
        PreviewGeometry writer = new PreviewGeometry(decimals);
        // degraded records of the same areas share their geometry: written once
        Map<Geometry, Map<String, Object>> written = new IdentityHashMap<>();
        List<Feature> features = new ArrayList<>(located.size());
        for (PreviewSample.Record r : located) {
            Map<String, Object> geometry = written.computeIfAbsent(r.geometry(),
                    g -> writer.toGeoJson(PreviewGeometry.within(g, share)));
            features.add(new Feature(r.id(), r.level(), r.label(), r.nomValide(), r.dateDebut(), geometry));
        }
        return features;
    }

    /**
     * A preview.
     *
     * @param features   the sampled records with a geometry
     * @param limit      {@code naturaflux.preview.max-records}
     * @param spread     whether the sample was chosen across every selected record
     * @param computedAt the time of the source snapshot read
     */
    public record FluxPreview(List<Feature> features, int limit, boolean spread, Instant computedAt) {
    }

    /**
     * One record as its files hold it.
     *
     * @param geometry its GeoJSON geometry
     */
    public record Feature(long id, DiffusionLevel level, String label, String nomValide, LocalDate dateDebut,
                          Map<String, Object> geometry) {
    }
}
