package org.naturaflux.source.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.sensitivity.DiffusionLevel;

/**
 * A sample of the records a flux would export now, each as its files would hold it.
 *
 * @param records    the records, at most the bounds' {@code maxRecords}, withheld ones never among them
 * @param spread     whether they were chosen by a hash of their id across every selected record (false when that
 *                   took too long and the first records the statement gave were taken instead)
 * @param computedAt the time of the source snapshot they were read in
 */
public record PreviewSample(List<Record> records, boolean spread, Instant computedAt) {

    public PreviewSample {
        records = List.copyOf(records);
        Objects.requireNonNull(computedAt, "computedAt");
    }

    /**
     * One exported record as the files hold it.
     *
     * @param id        {@code id_synthese}
     * @param level     the level it leaves at (never WITHHELD)
     * @param label     its {@code niveau_sensibilite} as written
     * @param nomValide its {@code nom_valide}
     * @param dateDebut its {@code date_debut} as written (coarsened when the flux coarsens degraded dates)
     * @param geometry  its geometry as written, EPSG:4326: the record's own when PRECISE, otherwise the union of
     *                  its areas (or that union's centroid); null when the record has none
     */
    public record Record(long id, DiffusionLevel level, String label, String nomValide, LocalDate dateDebut,
                         Geometry geometry) {
    }
}
