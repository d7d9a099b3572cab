package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chart.yaml says where the chart comes from and who maintains it. */
class ChartMetadataTest {

    @Test
    void chartNamesItsHomeSourcesAndMaintainers() throws IOException {
        Node chart = Node.of(new YAMLMapper().readValue(Chart.directory().resolve("Chart.yaml").toFile(), Map.class));

        assertThat(URI.create(chart.get("home").text()).getScheme()).isEqualTo("https");
        assertThat(chart.get("sources").list()).isNotEmpty()
                .allSatisfy(source -> assertThat(URI.create(source.text()).getScheme()).isEqualTo("https"));
        assertThat(chart.get("maintainers").list()).isNotEmpty().allSatisfy(maintainer -> {
            assertThat(maintainer.get("name").text()).isNotBlank();
            assertThat(maintainer.get("email").text()).contains("@");
        });
    }
}
