package org.naturaflux.worker.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record index against a plain {@link TreeMap} oracle: sorting with and without spilled runs,
 * lookups of present and absent ids, and the deletions walk.
 */
class RecordIndexTest {

    @TempDir
    Path directory;

    @Test
    void sortsWhatItIsGivenInAnyOrderAcrossSpilledRunsAndFindsEveryRecord() throws Exception {
        for (long seed : new long[] {1, 2, 3}) {
            Random random = new Random(seed);
            TreeMap<Long, Long> oracle = new TreeMap<>();
            while (oracle.size() < 5_000) {
                oracle.put(1 + (long) random.nextInt(1_000_000), random.nextLong());
            }
            List<Long> order = new ArrayList<>(oracle.keySet());
            Collections.shuffle(order, random);
            Path file = directory.resolve("index-" + seed + ".bin");
            // Chunks of 333: 16 spilled runs, the last one partial.
            try (RecordIndexWriter writer = new RecordIndexWriter(directory, 333)) {
                for (long id : order) {
                    writer.add(id, oracle.get(id));
                }
                assertThat(writer.count()).isEqualTo(oracle.size());
                writer.finish(file);
            }
            assertThat(Files.size(file)).isEqualTo(16L * oracle.size());
            try (RecordIndex index = RecordIndex.open(file)) {
                int position = 0;
                for (Map.Entry<Long, Long> entry : oracle.entrySet()) {
                    assertThat(index.idAt(position)).as("seed %d position %d", seed, position).isEqualTo(entry.getKey());
                    assertThat(index.hashAt(position)).isEqualTo(entry.getValue());
                    assertThat(index.find(entry.getKey())).isEqualTo(position);
                    position++;
                }
                for (int i = 0; i < 2_000; i++) {
                    long absent = random.nextInt(1_100_000);
                    if (!oracle.containsKey(absent)) {
                        assertThat(index.find(absent)).as("seed %d id %d", seed, absent).isEqualTo(-1);
                    }
                }
            }
            try (var files = Files.list(directory)) {
                assertThat(files.map(p -> p.getFileName().toString())).as("spilled runs deleted").noneMatch(n -> n.startsWith("index-run-"));
            }
        }
    }

    @Test
    void anEmptyRunGivesAnEmptyIndex() throws Exception {
        Path file = directory.resolve("empty.bin");
        try (RecordIndexWriter writer = new RecordIndexWriter(directory, 8)) {
            writer.finish(file);
        }
        try (RecordIndex index = RecordIndex.open(file)) {
            assertThat(index.size()).isZero();
            assertThat(index.find(42)).isEqualTo(-1);
        }
    }

    @Test
    void aRecordExportedTwiceIsAnError() throws Exception {
        for (int chunk : new int[] {4, 100}) {
            try (RecordIndexWriter writer = new RecordIndexWriter(directory, chunk)) {
                for (long id : new long[] {5, 1, 9, 3, 7, 5, 2}) {
                    writer.add(id, id);
                }
                assertThatThrownBy(() -> writer.finish(directory.resolve("twice-" + chunk + ".bin")))
                        .hasMessageContaining("record 5 was exported twice");
            }
        }
    }

    @Test
    void deletionsAreTheBaseRecordsTheCurrentRunNoLongerHas() throws Exception {
        Random random = new Random(7);
        TreeSet<Long> base = new TreeSet<>();
        TreeSet<Long> current = new TreeSet<>();
        for (long id = 1; id <= 3_000; id++) {
            int pick = random.nextInt(3);
            if (pick != 1) {
                base.add(id);
            }
            if (pick != 2) {
                current.add(id);
            }
        }
        TreeSet<Long> expected = new TreeSet<>(base);
        expected.removeAll(current);
        Path target = directory.resolve("deleted.csv");
        long deleted;
        try (RecordIndex b = write("base.bin", base); RecordIndex c = write("current.bin", current)) {
            deleted = Deletions.write(b, c, target);
        }
        List<String> lines = Files.readAllLines(target, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("id_synthese");
        assertThat(lines.subList(1, lines.size()).stream().map(Long::parseLong).toList()).containsExactlyElementsOf(expected);
        assertThat(deleted).isEqualTo(expected.size()).isPositive();
    }

    private RecordIndex write(String name, TreeSet<Long> ids) throws Exception {
        Path file = directory.resolve(name);
        try (RecordIndexWriter writer = new RecordIndexWriter(directory, 64)) {
            for (long id : ids.descendingSet()) {
                writer.add(id, id * 31);
            }
            writer.finish(file);
        }
        return RecordIndex.open(file);
    }
}
