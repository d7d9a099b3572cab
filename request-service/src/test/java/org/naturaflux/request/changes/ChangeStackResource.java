package org.naturaflux.request.changes;

import java.util.Map;
import org.naturaflux.request.StackResource;

/**
 * The stack, with change capture on: the request-service follows the change events of the stack's own
 * source database (where Debezium runs) and reads that database as its source.
 */
public class ChangeStackResource extends StackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        config.put("quarkus.datasource.source.jdbc.url", stack().sourceDbUrl());
        config.put("naturaflux.changes.enabled", "true");
        config.put("naturaflux.changes.quiet-window", "PT2S");
        config.put("naturaflux.changes.max-wait", "PT2M");
        config.put("naturaflux.changes.min-interval", "PT1S");
        config.put("mp.messaging.incoming.source-changes.topic", stack().cdcTopic());
        config.put("mp.messaging.incoming.area-changes.topic", stack().cdcAreasTopic());
        return config;
    }
}
