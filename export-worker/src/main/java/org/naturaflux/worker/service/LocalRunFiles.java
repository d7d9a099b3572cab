package org.naturaflux.worker.service;

import java.time.Instant;
import java.util.List;
import org.naturaflux.worker.storage.OutputFile;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.storage.Manifest;

/**
 * What the pipeline produced on local disk, ready to be uploaded.
 *
 * @param fields     the files' columns
 * @param files      one finished file per requested format, the companion files ({@code jeux_de_donnees.csv}),
 *                   then the delta files and the record index when the flux has delta files
 * @param counts     records per level, withheld per cause
 * @param rowsRead   rows streamed from the source
 * @param total      the rows the source query counted first (null when counting is off)
 * @param snapshotAt the time of the source snapshot everything was read from
 * @param snapshot   the snapshot itself ({@code txid_current_snapshot()})
 * @param delta      the delta's figures, for a flux with delta files; null otherwise
 * @param citation   how to cite the run: the platform's citation, then the datasets its records come from
 */
public record LocalRunFiles(List<FieldDefinition> fields, List<OutputFile> files, RunCounts counts, long rowsRead,
                            Long total, Instant snapshotAt, String snapshot, Manifest.Delta delta, String citation) {
    public LocalRunFiles {
        fields = List.copyOf(fields);
        files = List.copyOf(files);
    }
}
