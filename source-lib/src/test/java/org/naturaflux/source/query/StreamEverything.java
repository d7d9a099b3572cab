package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.stream.Stream;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;

/**
 * Streams every record of the eight départements with every catalogue field, keeping nothing, and
 * prints the row count and the highest heap use seen: run in a small forked JVM, it shows that memory
 * stays bounded. Arguments: JDBC URL, user, password, and {@code cursor} or {@code copy} (how the rows are read).
 */
public final class StreamEverything {

    private StreamEverything() {
    }

    public static void main(String[] args) throws Exception {
        Territory region = new Territory.Areas(Stream.of("75", "77", "78", "91", "92", "93", "94", "95")
                .map(code -> new AreaRef("DEP", code)).toList());
        ExportQuery query = ExportQuery.of(region, TaxaFilter.all(), FieldCatalogue.standard().fields(), Plans.STANDARD.plan());
        Runtime runtime = Runtime.getRuntime();
        long rows = 0;
        long peak = 0;
        long checksum = 0;
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
             RowStream stream = args[3].equals("copy") ? query.copy(connection) : query.stream(connection, 1000)) {
            for (ObservationRow row = stream.next(); row != null; row = stream.next()) {
                rows++;
                checksum += row.id() + row.values().length;
                if ((rows & 0x3FF) == 0) {
                    peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
                }
            }
        }
        System.out.println("rows=" + rows + " peakHeapBytes=" + peak + " maxHeapBytes=" + runtime.maxMemory()
                + " checksum=" + checksum);
    }
}
