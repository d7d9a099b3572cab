package org.naturaflux.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Topics;

/** The shipped configuration's defaults are the project's shared names, and long exports are planned for. */
class ApplicationPropertiesTest {

    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:(.*)}");

    @Test
    void topicAndGroupDefaultsAreFluxModelsNames() throws Exception {
        Properties properties = load();

        assertThat(defaultOf(properties, "mp.messaging.incoming.export-commands.topic")).isEqualTo(Topics.EXPORT_COMMANDS);
        assertThat(defaultOf(properties, "mp.messaging.incoming.export-commands.group.id")).isEqualTo(Topics.WORKER_GROUP);
        assertThat(defaultOf(properties, "mp.messaging.incoming.export-commands.dead-letter-queue.topic"))
                .isEqualTo(Topics.EXPORT_COMMANDS_DLQ);
        assertThat(defaultOf(properties, "mp.messaging.outgoing.export-events.topic")).isEqualTo(Topics.EXPORT_EVENTS);
    }

    @Test
    void aThirtyMinuteExportIsNormalAndADeadWorkerIsNoticedWithinSeconds() throws Exception {
        Properties properties = load();
        long thirtyMinutes = 30 * 60 * 1000L;

        assertThat(Long.parseLong(defaultOf(properties, "mp.messaging.incoming.export-commands.throttled.unprocessed-record-max-age.ms")))
                .isGreaterThan(thirtyMinutes);
        assertThat(Long.parseLong(defaultOf(properties, "mp.messaging.incoming.export-commands.max.poll.interval.ms")))
                .isGreaterThan(thirtyMinutes);
        assertThat(Long.parseLong(defaultOf(properties, "mp.messaging.incoming.export-commands.session.timeout.ms")))
                .isLessThanOrEqualTo(15_000);
        assertThat(properties.getProperty("mp.messaging.incoming.export-commands.commit-strategy")).isEqualTo("throttled");
        assertThat(properties.getProperty("mp.messaging.incoming.export-commands.failure-strategy")).isEqualTo("dead-letter-queue");
    }

    private static Properties load() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = ApplicationPropertiesTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    private static String defaultOf(Properties properties, String key) {
        String value = properties.getProperty(key);
        assertThat(value).as(key).isNotNull();
        Matcher matcher = DEFAULT.matcher(value);
        return matcher.matches() ? matcher.group(1) : value;
    }
}
