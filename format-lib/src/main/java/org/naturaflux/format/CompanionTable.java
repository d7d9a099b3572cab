package org.naturaflux.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;

/**
 * A small table a run publishes beside its records (the datasets the records come from...): written
 * as a CSV file of its own ({@link CompanionCsv}) and, in a GeoPackage, as a non-spatial table
 * ({@code gpkg_contents} data type {@code attributes}, {@link FormatWriter#addTable}). Held in memory:
 * its rows are bounded by what they describe (datasets, taxa), never by the number of records.
 *
 * @param name    the table's name and the CSV file's base name ({@code jeux_de_donnees}), lower snake case
 * @param columns its columns, in order; no GEOMETRY column (the table is not spatial)
 * @param rows    its rows, each with one value per column of the column's type, as {@link FieldLayout} says
 */
public record CompanionTable(String name, List<FieldDefinition> columns, List<Object[]> rows) {

    public CompanionTable {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a companion table's name must be lower snake case: " + name);
        }
        FieldLayout layout = FieldLayout.of(columns);
        if (layout.geometryIndex() >= 0) {
            throw new IllegalArgumentException("a companion table is not spatial: " + layout.field(layout.geometryIndex()).code());
        }
        columns = List.copyOf(columns);
        List<Object[]> copy = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            copy.add(row.clone());
        }
        rows = List.copyOf(copy);
        for (ObservationRow row : asRows(rows)) {
            layout.values(row);
        }
    }

    /** The columns' layout. */
    public FieldLayout layout() {
        return FieldLayout.of(columns);
    }

    /** The rows as the writers take them: numbered from 1, without geometry. */
    List<ObservationRow> asRows() {
        return asRows(rows);
    }

    private static List<ObservationRow> asRows(List<Object[]> rows) {
        List<ObservationRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new ObservationRow(i + 1L, null, null, null, null, rows.get(i).clone()));
        }
        return out;
    }
}
