package org.naturaflux.worker.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.naturaflux.model.row.ObservationRow;

/** What changes a record's content hash, and what does not. */
class RecordHasherTest {

    private final GeometryFactory wgs84 = new GeometryFactory(new PrecisionModel(), 4326);
    private final RecordHasher hasher = new RecordHasher();

    private ObservationRow row(double x, Object... values) {
        return new ObservationRow(12, "0", "5", null, wgs84.createPoint(new Coordinate(x, 48.8)), values);
    }

    @Test
    void sameContentSameHashWhateverTheLocalGeometryOrCodes() {
        ObservationRow a = row(2.35, "Sensible - Diffusion précise", 3L, LocalDate.of(2024, 5, 1), null);
        ObservationRow b = new ObservationRow(12, "2", "1", wgs84.createPoint(new Coordinate(0, 0)), a.geometry(), a.values().clone());
        assertThat(hasher.hash(b)).isEqualTo(hasher.hash(a));
    }

    @Test
    void anyExportedValueOrTheGeometryChangesTheHash() {
        long base = hasher.hash(row(2.35, "x", 3L, LocalDate.of(2024, 5, 1), null));
        assertThat(hasher.hash(row(2.36, "x", 3L, LocalDate.of(2024, 5, 1), null))).isNotEqualTo(base);
        assertThat(hasher.hash(row(2.35, "y", 3L, LocalDate.of(2024, 5, 1), null))).isNotEqualTo(base);
        assertThat(hasher.hash(row(2.35, "x", 4L, LocalDate.of(2024, 5, 1), null))).isNotEqualTo(base);
        assertThat(hasher.hash(row(2.35, "x", 3L, LocalDate.of(2024, 5, 2), null))).isNotEqualTo(base);
        assertThat(hasher.hash(row(2.35, "x", 3L, LocalDate.of(2024, 5, 1), ""))).as("null vs empty").isNotEqualTo(base);
        assertThat(hasher.hash(row(2.35, "x", "3", LocalDate.of(2024, 5, 1), null))).as("type").isNotEqualTo(base);
        // Values moving across the separator do not collide.
        assertThat(hasher.hash(row(2.35, "ab", "c"))).isNotEqualTo(hasher.hash(row(2.35, "a", "bc")));
    }
}
