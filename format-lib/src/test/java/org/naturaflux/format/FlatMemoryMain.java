package org.naturaflux.format;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.naturaflux.format.support.SyntheticRows;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.JsonLayout;

/**
 * Run in a JVM with a small heap by {@link FlatMemoryTest}: writes N synthetic rows of 30 fields to the
 * four formats in one pass and prints one line per file ({@code format rows bytes sha256 path}), then the
 * peak heap used after collections.
 *
 * <p>Arguments: {@code rows outputDirectory}.
 */
public final class FlatMemoryMain {

    private FlatMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        Path directory = Path.of(args[1]);
        SyntheticRows synthetic = new SyntheticRows();
        Map<ExportFormat, Path> targets = new EnumMap<>(ExportFormat.class);
        for (ExportFormat format : ExportFormat.values()) {
            targets.put(format, directory.resolve("observations." + format.extension()));
        }
        ExportOptions options = new ExportOptions(';', true, JsonLayout.NDJSON, null, null, null, null, null, null,
                null);
        List<WrittenFile> files;
        try (FanOutWriter writer = FormatWriters.openAll(targets, synthetic.fields(), options,
                WriterSettings.defaults().withTempDirectory(directory))) {
            for (long i = 0; i < rows; i++) {
                writer.write(synthetic.row(i));
            }
            files = writer.finish();
        }
        for (WrittenFile file : files) {
            System.out.println(file.format().code() + " " + file.rows() + " " + file.bytes() + " " + file.sha256()
                    + " " + file.path());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                peak += pool.getCollectionUsage().getUsed();
            }
        }
        System.out.println("heap-after-gc " + peak);
    }
}
