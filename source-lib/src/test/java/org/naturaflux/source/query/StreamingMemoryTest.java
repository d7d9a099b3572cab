package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * A forked JVM at -Xmx64m streams more than 300,000 records with every field through the export query, from a
 * server-side cursor and from a binary COPY.
 */
class StreamingMemoryTest {

    @Test
    void aSmallHeapStreamsMoreThan300000Rows() throws Exception {
        try (IsolatedDatabase database = IsolatedDatabase.create(StreamingMemoryTest.class)) {
            long expected;
            try (Connection connection = database.connect()) {
                new DemoSourceGenerator(connection, 11).regenerate(340_000);
                expected = ExportQuery.of(new Territory.Areas(Stream.of("75", "77", "78", "91", "92", "93", "94", "95")
                                .map(code -> new AreaRef("DEP", code)).toList()), TaxaFilter.all(),
                        FieldCatalogue.standard().select(List.of("id_synthese")), Plans.STANDARD.plan()).count(connection);
            }
            assertThat(expected).isGreaterThan(300_000);
            for (String reading : List.of("cursor", "copy")) {
                Process process = new ProcessBuilder(List.of(
                        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                        "-Xmx64m", "-cp", System.getProperty("java.class.path"), StreamEverything.class.getName(),
                        database.jdbcUrl(), database.user(), database.password(), reading))
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
                assertThat(process.exitValue()).as(output).isZero();
                Matcher m = Pattern.compile("rows=(\\d+) peakHeapBytes=(\\d+)").matcher(output);
                assertThat(m.find()).as(output).isTrue();
                assertThat(Long.parseLong(m.group(1))).as(reading).isEqualTo(expected);
                System.out.println("[source-lib] streamed " + m.group(1) + " rows with every field at -Xmx64m (" + reading
                        + "), highest heap seen " + Long.parseLong(m.group(2)) / (1024 * 1024) + " MiB");
            }
        }
    }
}
