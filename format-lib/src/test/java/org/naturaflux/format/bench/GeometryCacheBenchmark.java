package org.naturaflux.format.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.format.FormatWriter;
import org.naturaflux.format.FormatWriters;
import org.naturaflux.format.ThreadCpu;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.format.support.SharedAreas;
import org.naturaflux.format.support.SyntheticRows;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/**
 * Benchmark (not a test) of the writers' geometry cache ({@code WriterSettings.withGeometryCache}), A/B
 * interleaved in one process: for each round, each format, the cache off then on (the order alternating
 * from round to round), one writer writes the same rows on this thread (no fan-out) and the CPU time of
 * this thread (plus the GeoPackage's insert thread) and the wall time are printed per million rows, with
 * the file's size, which must be the same with the cache on and off. A warm-up pass over the first 10,000
 * rows, every format both ways, comes first and is not measured.
 *
 * <p>Rows: {@link SyntheticRows}' 30 fields, of which a share ({@code share}, default 0.2) carries one of
 * {@code areas} (default 300) shared polygons of 50 to 3,000 vertices, log-uniformly ({@link SharedAreas}:
 * about 720 on average, as the demo's degraded records' WKT of 27 KB on average), chosen at random (so the
 * default cache, 1,024 entries / 8 MiB, holds them only by entries, not by bytes), the others their synthetic point.
 *
 * <pre>format-lib/jmh.sh GeometryCacheBenchmark [rows=50000] [rounds=3] [formats=csv,json,geojson,gpkg]
 *     [share=0.2] [areas=300]</pre>
 */
public final class GeometryCacheBenchmark {

    private GeometryCacheBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String[] formats = (args.length > 2 ? args[2] : "csv,json,geojson,gpkg").split(",");
        double share = args.length > 3 ? Double.parseDouble(args[3]) : 0.2;
        int areaCount = args.length > 4 ? Integer.parseInt(args[4]) : 300;

        SyntheticRows synthetic = new SyntheticRows();
        int geometryColumn = -1;
        for (int c = 0; c < synthetic.fields().size(); c++) {
            if ("geometrie_wkt_4326".equals(synthetic.fields().get(c).code())) {
                geometryColumn = c;
            }
        }
        List<Geometry> areas = SharedAreas.polygons(areaCount, 50, 3_000, 2026);
        Random random = new Random(12);
        List<ObservationRow> pool = new ArrayList<>(rows);
        long sharedRows = 0;
        for (int i = 0; i < rows; i++) {
            ObservationRow row = synthetic.row(i);
            Geometry geometry = row.geometry();
            if (random.nextDouble() < share) {
                geometry = areas.get(random.nextInt(areas.size()));
                sharedRows++;
            }
            Object[] values = row.values().clone();
            values[geometryColumn] = geometry;
            geometry.getEnvelopeInternal();
            pool.add(row.with(null, geometry, values));
        }
        System.out.printf(Locale.ROOT, "%d rows, %d carrying one of %d shared polygons (%.0f vertices on average)%n",
                rows, sharedRows, areaCount, areas.stream().mapToInt(Geometry::getNumPoints).average().orElse(0));

        Path directory = Files.createTempDirectory("geometry-cache-bench");
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        try {
            // warm-up, not measured: every format both ways on the first rows, so that no round pays the JIT
            List<ObservationRow> warmUp = pool.subList(0, Math.min(rows, 10_000));
            for (String code : formats) {
                WriterSettings settings = WriterSettings.defaults().withTempDirectory(directory);
                run(ExportFormat.fromCode(code), directory, synthetic, warmUp, settings.withGeometryCache(0, 0));
                run(ExportFormat.fromCode(code), directory, synthetic, warmUp, settings);
            }
            for (int round = 0; round < rounds; round++) {
                for (String code : formats) {
                    ExportFormat format = ExportFormat.fromCode(code);
                    boolean[] order = round % 2 == 0 ? new boolean[]{false, true} : new boolean[]{true, false};
                    for (boolean cache : order) {
                        WriterSettings settings = WriterSettings.defaults().withTempDirectory(directory);
                        if (!cache) {
                            settings = settings.withGeometryCache(0, 0);
                        }
                        double[] result = run(format, directory, synthetic, pool, settings);
                        String key = code + (cache ? " on" : " off");
                        results.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
                        System.out.printf(Locale.ROOT, "round %d %-12s CPU %6.2f s/M rows, wall %6.2f s/M rows,"
                                + " %,d bytes%n", round + 1, key, result[0], result[1], (long) result[2]);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(directory);
        }
        System.out.println();
        System.out.println("per million rows, median of the rounds (min-max): CPU s | wall s | bytes");
        results.forEach((key, list) -> System.out.printf(Locale.ROOT, "%-12s %s | %s | %,d%n", key,
                summary(list, 0), summary(list, 1), (long) list.get(0)[2]));
    }

    /** CPU and wall seconds per million rows, and the file's bytes. */
    private static double[] run(ExportFormat format, Path directory, SyntheticRows synthetic,
                                List<ObservationRow> rows, WriterSettings settings) throws IOException {
        System.gc();
        long wall = System.nanoTime();
        long cpu = ThreadCpu.current();
        WrittenFile file;
        long helpers;
        try (FormatWriter writer = FormatWriters.open(format, directory.resolve("bench." + format.extension()),
                synthetic.fields(), ExportOptions.defaults(), settings)) {
            for (ObservationRow row : rows) {
                writer.write(row);
            }
            file = writer.finish();
            helpers = writer.helperThreadsCpuNanos();
        }
        cpu = ThreadCpu.current() - cpu + helpers;
        wall = System.nanoTime() - wall;
        Files.delete(file.path());
        double perMillion = 1e6 / rows.size() / 1e9;
        return new double[]{cpu * perMillion, wall * perMillion, file.bytes()};
    }

    private static String summary(List<double[]> list, int index) {
        double[] values = list.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return String.format(Locale.ROOT, "%6.2f (%.2f-%.2f)", values[values.length / 2], values[0],
                values[values.length - 1]);
    }
}
