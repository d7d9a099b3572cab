package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The values table of the chart's README lists exactly the values values.schema.json declares. */
class ChartReadmeTest {

    /** A row of the values table: its first cell is the key in backquotes. */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");

    @Test
    void valuesTableListsEverySchemaValueAndNothingElse() throws IOException {
        Set<String> schema = new LinkedHashSet<>();
        leaves("", new ObjectMapper().readTree(Chart.directory().resolve("values.schema.json").toFile()), schema);
        Set<String> readme = new LinkedHashSet<>();
        String text = Files.readString(Chart.directory().resolve("README.md"));
        String table = text.substring(text.indexOf("\n## Values"));
        for (String line : table.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                assertThat(readme.add(row.group(1))).as("%s listed twice in README.md", row.group(1)).isTrue();
            }
        }

        assertThat(schema).as("schema").hasSizeGreaterThan(100);
        assertThat(difference(schema, readme)).as("values of values.schema.json missing from README.md's table").isEmpty();
        assertThat(difference(readme, schema)).as("keys of README.md's table that values.schema.json does not declare").isEmpty();
    }

    /** The keys of the schema's leaves: the values without nested properties. */
    private static void leaves(String path, JsonNode schema, Set<String> keys) {
        JsonNode properties = schema.get("properties");
        if (properties == null || properties.isEmpty()) {
            keys.add(path);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            leaves(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), keys);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> difference = new LinkedHashSet<>(a);
        difference.removeAll(b);
        return difference;
    }
}
