package org.naturaflux.request.changes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.naturaflux.request.StackResource;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.demo.GeoNatureSchema;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.TestStack;

/**
 * The stack, with change-driven runs on over a source of the class's own (a demo source whose BDC
 * statuts the test reloads: the test JVM's shared source must stay as it is), the BDC watched every
 * second. The change topics are topics of its own that nothing writes to: no captured change of the
 * stack's source reaches the class's fluxes, only the BDC watcher records changes.
 */
public class StatusReloadResource extends StackResource {

    private IsolatedDatabase source;
    private IsolatedTopics changes;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        TestStack stack = stack();
        source = IsolatedDatabase.create(stack, "status-reload-source");
        try (Connection connection = source.connect()) {
            new DemoSourceGenerator(connection, 7).regenerate(2_000);
            GeoNatureSchema.grantRead(connection, stack.sourceDbUser());
        } catch (SQLException e) {
            source.close();
            throw new IllegalStateException("cannot build the class's source database", e);
        }
        source.grantReadOnly(stack.sourceDbUser());
        changes = IsolatedTopics.create(stack, "status-reload-changes");
        config.put("quarkus.datasource.source.jdbc.url", source.jdbcUrl());
        config.put("naturaflux.changes.enabled", "true");
        config.put("naturaflux.changes.statuses-check-interval", "1s");
        config.put("naturaflux.changes.quiet-window", "PT2S");
        config.put("naturaflux.changes.max-wait", "PT2M");
        config.put("naturaflux.changes.min-interval", "PT1S");
        config.put("mp.messaging.incoming.source-changes.topic", changes.create("source-changes", 1));
        config.put("mp.messaging.incoming.area-changes.topic", changes.create("area-changes", 1));
        return config;
    }

    @Override
    public void stop() {
        try (IsolatedDatabase db = source; IsolatedTopics t = changes) {
            super.stop();
        }
    }
}
