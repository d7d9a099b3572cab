package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict}: any warning fails. */
class ChartLintTest {

    @Test
    void lintsWithoutErrorOrWarningInStrictMode() {
        LintResult result = Chart.lintStrict();

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages())
                .as("strict lint messages")
                .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }
}
