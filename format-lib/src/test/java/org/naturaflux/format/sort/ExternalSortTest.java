package org.naturaflux.format.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The external sort against an in-memory stable sort as oracle: records of a key and a sequence
 * number (which also shows that equal keys keep their order), spilled and merged in one or several
 * passes.
 */
class ExternalSortTest {

    private static final int RECORD_BYTES = 24;
    private static final String PREFIX = "sort-test-";

    @TempDir
    Path directory;

    /** One record: key, the order it was added in, a payload derived from both. */
    private record Item(long key, long sequence) {
        long payload() {
            return key * 31 + sequence;
        }
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                // records, distinct keys, run length, fan-in
                Arguments.of(0, 10, 8, 2),             // empty input
                Arguments.of(1, 10, 8, 2),
                Arguments.of(7, 10, 8, 2),             // one partial run, in memory
                Arguments.of(8, 10, 8, 2),             // exactly one full run: spilled, merged alone
                Arguments.of(16, 10, 8, 2),            // runs = fan-in: one merge
                Arguments.of(1_000, 1_000_000, 7, 3),  // 143 runs merged 3 at a time: five passes
                Arguments.of(1_000, 5, 10, 4),         // many duplicates across runs and passes
                Arguments.of(5_000, 50, 100, 2),       // duplicates, binary merges
                Arguments.of(2_000, 2_000, 64, 64),    // 32 runs, one pass
                Arguments.of(12_000, 1_000, 5_000, 2), // buffers grown past their first size; two passes
                Arguments.of(3_000, 100, 10_000, 2));  // grown, never spilled
    }

    @ParameterizedTest(name = "{0} records, {1} keys, runs of {2}, fan-in {3}")
    @MethodSource("shapes")
    void givesWhatAnInMemoryStableSortGives(int records, int keys, int runRecords, int fanIn) throws IOException {
        Random random = new Random(records * 31L + keys);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            items.add(new Item(random.nextInt(keys) - keys / 2, i));
        }
        List<Item> expected = new ArrayList<>(items);
        expected.sort(Comparator.comparingLong(Item::key));

        List<Item> actual = new ArrayList<>();
        ExternalSort.Settings settings = new ExternalSort.Settings(runRecords, fanIn, PREFIX);
        try (ExternalSort sort = new ExternalSort(directory, RECORD_BYTES, settings)) {
            ByteBuffer record = ByteBuffer.allocate(RECORD_BYTES);
            for (Item item : items) {
                record.clear();
                record.putLong(item.key()).putLong(item.sequence()).putLong(item.payload()).flip();
                sort.add(record);
                assertThat(record.position()).as("the caller's buffer is left as it was").isZero();
            }
            assertThat(sort.size()).isEqualTo(records);
            try (SortedRecords sorted = sort.sorted()) {
                assertThat(runFiles()).as("never more runs left to merge than the fan-in").hasSizeLessThanOrEqualTo(fanIn);
                while (sorted.next()) {
                    ByteBuffer r = sorted.record();
                    assertThat(r.position()).isZero();
                    assertThat(r.remaining()).isEqualTo(RECORD_BYTES);
                    assertThat(sorted.key()).isEqualTo(r.getLong(0));
                    Item item = new Item(r.getLong(0), r.getLong(8));
                    assertThat(r.getLong(16)).isEqualTo(item.payload());
                    actual.add(item);
                }
                assertThat(sorted.next()).isFalse();
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(runFiles()).as("run files deleted").isEmpty();
    }

    @Test
    void ordersTheExtremeKeysAsSignedLongs() throws IOException {
        long[] keys = {0, Long.MAX_VALUE, -1, Long.MIN_VALUE, 1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};
        for (int runRecords : new int[] {2, 100}) {
            List<Long> actual = new ArrayList<>();
            try (ExternalSort sort = new ExternalSort(directory, 8, new ExternalSort.Settings(runRecords, 2, PREFIX))) {
                for (long key : keys) {
                    sort.add(ByteBuffer.allocate(8).putLong(0, key));
                }
                try (SortedRecords sorted = sort.sorted()) {
                    while (sorted.next()) {
                        actual.add(sorted.key());
                    }
                }
            }
            assertThat(actual).as("runs of %d", runRecords).containsExactly(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L,
                    1L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
        }
    }

    @Test
    void closedBeforeSortingLeavesNoFile() throws IOException {
        try (ExternalSort sort = new ExternalSort(directory, 8, new ExternalSort.Settings(2, 2, PREFIX))) {
            for (long key = 0; key < 9; key++) {
                sort.add(ByteBuffer.allocate(8).putLong(0, key));
            }
            assertThat(runFiles()).hasSize(4);
        }
        assertThat(runFiles()).isEmpty();
    }

    @Test
    void refusesARecordOfTheWrongWidthAndAnAddAfterSorting() throws IOException {
        try (ExternalSort sort = new ExternalSort(directory, 16, ExternalSort.Settings.defaults(PREFIX))) {
            assertThatThrownBy(() -> sort.add(ByteBuffer.allocate(8))).isInstanceOf(IllegalArgumentException.class);
            sort.add(ByteBuffer.allocate(16));
            try (SortedRecords sorted = sort.sorted()) {
                assertThat(sorted.next()).isTrue();
                assertThatThrownBy(() -> sort.add(ByteBuffer.allocate(16))).isInstanceOf(IllegalStateException.class);
            }
        }
        assertThatThrownBy(() -> new ExternalSort(directory, 4, ExternalSort.Settings.defaults(PREFIX)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExternalSort.Settings(8, 1, PREFIX)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<Path> runFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).toList();
        }
    }
}
