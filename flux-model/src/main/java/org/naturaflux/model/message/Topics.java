package org.naturaflux.model.message;

/** Default topic names (each overridable in the services' configuration). */
public final class Topics {
    /** Export commands, keyed by flux id; at least 4 partitions. */
    public static final String EXPORT_COMMANDS = "naturaflux.export-commands";
    /** Run events from the workers, keyed by flux id. */
    public static final String EXPORT_EVENTS = "naturaflux.export-events";
    /** Commands that failed for good, with their reason. */
    public static final String EXPORT_COMMANDS_DLQ = "naturaflux.export-commands.dlq";
    /** The consumer group of the export workers. */
    public static final String WORKER_GROUP = "naturaflux-export-workers";

    private Topics() {
    }
}
