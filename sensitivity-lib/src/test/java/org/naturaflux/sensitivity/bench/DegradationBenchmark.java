package org.naturaflux.sensitivity.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.degrade.Degradation;
import org.naturaflux.sensitivity.degrade.DegradationSummary;
import org.naturaflux.sensitivity.degrade.RecordDegrader;
import org.naturaflux.sensitivity.testing.Geo;
import org.naturaflux.sensitivity.testing.Rows;
import org.naturaflux.sensitivity.testing.SyntheticTerritory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Point records degraded per second on one thread, per level, as the export worker does it (degrade,
 * then count), over a territory the size of Île-de-France: x 590-740 km, y 6780-6910 km in Lambert-93,
 * 1,296 irregular communes (a jittered 36 × 36 mesh), 195 INPN 10 km cells and 8 départements
 * ({@link SyntheticTerritory}). Rows carry the basic flux's fields; 65,536 random points are cycled.
 * Targets: at least 200,000 points/s at GRID and 100,000/s at COMMUNE.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DegradationBenchmark {

    private static final int ROWS = 1 << 16;

    /** The effective level of every benchmarked record (SENSIBILITE 0, 1, 2, 3). */
    @Param({"PRECISE", "COMMUNE", "GRID", "DEPARTEMENT"})
    public DiffusionLevel level;

    private RecordDegrader degrader;
    private ObservationRow[] rows;
    private DegradationSummary summary;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticTerritory territory = SyntheticTerritory.generate(59, 678, 15, 13, 36, 36, 4, 2, false, 2026);
        AreaIndex index = territory.index();
        List<FieldDefinition> fields = FieldCatalogue.standard().basic();
        degrader = RecordDegrader.standard(index, fields);
        String sensitivity = Integer.toString(level.ordinal());
        Envelope e = territory.extent();
        Random random = new Random(1);
        rows = new ObservationRow[ROWS];
        for (int i = 0; i < ROWS; i++) {
            Geometry point = Geo.FACTORY.createPoint(new Coordinate(
                    e.getMinX() + random.nextDouble() * e.getWidth(), e.getMinY() + random.nextDouble() * e.getHeight()));
            rows[i] = Rows.row(i, sensitivity, null, point, SyntheticTerritory.TO_4326, fields);
        }
        summary = new DegradationSummary();
        if (territory.communes().size() != 1296) {
            throw new IllegalStateException("expected 1296 communes, got " + territory.communes().size());
        }
    }

    @Benchmark
    public Degradation degradePoint() {
        Degradation outcome = degrader.degrade(rows[next++ & (ROWS - 1)]);
        summary.record(outcome);
        return outcome;
    }
}
