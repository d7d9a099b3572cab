package org.naturaflux.worker.service;

import java.time.Instant;
import java.util.List;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.message.RunCounts;

/**
 * What the pipeline produced on local disk, ready to be uploaded.
 *
 * @param fields     the files' columns
 * @param files      one finished file per requested format
 * @param counts     records per level, withheld per cause
 * @param rowsRead   rows streamed from the source
 * @param total      the rows the source query counted first (null when counting is off)
 * @param snapshotAt the time of the source snapshot everything was read from
 * @param snapshot   the snapshot itself ({@code txid_current_snapshot()})
 */
public record LocalExport(List<FieldDefinition> fields, List<WrittenFile> files, RunCounts counts, long rowsRead,
                          Long total, Instant snapshotAt, String snapshot) {
    public LocalExport {
        fields = List.copyOf(fields);
        files = List.copyOf(files);
    }
}
