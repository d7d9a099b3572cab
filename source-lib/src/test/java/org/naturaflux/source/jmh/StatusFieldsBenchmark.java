package org.naturaflux.source.jmh;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.degrade.Degradation;
import org.naturaflux.sensitivity.degrade.RecordDegrader;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.query.ExportQuery;
import org.naturaflux.source.query.RowStream;
import org.naturaflux.source.reference.AreaIndexCache;
import org.naturaflux.source.status.RecordStatuses;
import org.naturaflux.source.status.StatusType;
import org.naturaflux.source.status.TerritoryDepartements;
import org.naturaflux.testkit.IsolatedDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The basic flux of the whole demo region with and without the eight taxon status fields, as the worker
 * reads it: one REPEATABLE READ transaction, the export query's rows from a server-side cursor, each
 * record degraded by sensitivity-lib and, with {@code statuses}, the taxa's statuses loaded once under
 * the snapshot and set on each record from its exported extent's départements
 * ({@link RecordStatuses}). The writers are left out (the same for both but for eight more text
 * columns). Seconds per whole flux; the ratio of the two lines is the cost of the status fields.
 * Needs the local stack ({@code eval "$(deploy/local/env)"}): each trial generates its own demo source
 * of {@code rows} observations in a database of its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StatusFieldsBenchmark {

    private static final SensitivityRules RULES = SensitivityRules.standard();

    /** Observations in the demo source. */
    @Param("1000000")
    public int rows;

    /** Whether the flux asks for the status fields besides the basic ones. */
    @Param({"false", "true"})
    public boolean statuses;

    private IsolatedDatabase database;
    private Connection connection;
    private List<FieldDefinition> fields;
    private Territory region;

    @Setup(Level.Trial)
    public void generate() throws SQLException {
        database = IsolatedDatabase.create(StatusFieldsBenchmark.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 42).regenerate(rows);
        fields = new ArrayList<>(FieldCatalogue.standard().basic());
        if (statuses) {
            for (StatusType type : StatusType.values()) {
                fields.add(FieldCatalogue.standard().require(type.fieldCode()));
            }
        }
        List<AreaRef> departements = new ArrayList<>();
        for (String code : List.of("75", "77", "78", "91", "92", "93", "94", "95")) {
            departements.add(new AreaRef("DEP", code));
        }
        region = new Territory.Areas(departements);
    }

    @TearDown(Level.Trial)
    public void drop() throws SQLException {
        connection.close();
        database.close();
    }

    @Benchmark
    public long export() throws SQLException {
        AreaIndex index = new AreaIndexCache(RULES).current(connection);
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            RecordDegrader degrader = new RecordDegrader(RULES, index, fields, ExportOptions.defaults());
            ExportQuery query = ExportQuery.of(region, TaxaFilter.all(), fields, RULES.selectionPlan());
            RecordStatuses statuses = RecordStatuses.load(connection, fields, RULES, index, query,
                    TerritoryDepartements.of(connection, query)).orElse(null);
            long exported = 0;
            try (RowStream stream = query.stream(connection, 1000)) {
                for (ObservationRow row = stream.next(); row != null; row = stream.next()) {
                    if (degrader.degrade(row) instanceof Degradation.Exported e) {
                        ObservationRow out = statuses == null ? e.row() : statuses.apply(e, row);
                        exported += out.values().length;
                    }
                }
            }
            return exported;
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
