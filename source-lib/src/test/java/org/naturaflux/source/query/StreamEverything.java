package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.DriverManager;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.rules.SensitivityRules;

/**
 * Streams every record of the eight départements with every catalogue field and prints the row count
 * and the peak heap used: run in a small forked JVM to prove that memory stays bounded.
 */
public final class StreamEverything {

    public static void main(String[] args) throws Exception {
        Territory region = new Territory.Areas(java.util.stream.Stream.of("75", "77", "78", "91", "92", "93", "94", "95")
                .map(code -> new AreaRef("DEP", code)).toList());
        long rows = 0;
        long peak = 0;
        Runtime runtime = Runtime.getRuntime();
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
             RowStream stream = ExportQuery.of(region, TaxaFilter.all(), FieldCatalogue.standard().fields(),
                     SensitivityRules.standard().selectionPlan()).stream(connection, 2000)) {
            for (ObservationRow row = stream.next(); row != null; row = stream.next()) {
                rows++;
                if ((rows & 0x3FFF) == 0) {
                    peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
                }
            }
        }
        System.out.println("rows=" + rows + " peakHeapBytes=" + peak + " maxHeapBytes=" + runtime.maxMemory());
    }
}
