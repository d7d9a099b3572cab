package org.naturaflux.deploy.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart under test, rendered by the Helm 3 library that helm-java embeds (offline, no cluster).
 *
 * <p>Value sets are files under {@code src/test/resources/values/}, layered in order like
 * {@code helm template -f a.yaml -f b.yaml}; {@link #set} adds {@code --set} overrides. The release is
 * named {@value #RELEASE} in namespace {@value #NAMESPACE}.
 */
final class Chart {

    static final String RELEASE = "nf";
    static final String NAMESPACE = "naturaflux";

    private final List<String> valueSets = new ArrayList<>();
    private final Map<String, Object> overrides = new LinkedHashMap<>();

    private Chart() {
    }

    /** The chart with the given value sets (names of files in the values folder, without ".yaml"). */
    static Chart with(String... valueSets) {
        Chart chart = new Chart();
        chart.valueSets.addAll(List.of(valueSets));
        return chart;
    }

    /** Adds a {@code --set key=value} override. */
    Chart set(String key, Object value) {
        overrides.put(key, value);
        return this;
    }

    /** Renders the chart; fails the test with Helm's message when rendering fails. */
    Manifests render() {
        try {
            return Manifests.parse(template().call());
        } catch (RuntimeException e) {
            throw new AssertionError("helm template failed for value sets " + valueSets + " " + overrides + ":\n" + e.getMessage(), e);
        }
    }

    /** Renders the chart expecting a failure; returns Helm's message. */
    String renderFailure() {
        String output;
        try {
            output = template().call();
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
        throw new AssertionError("helm template was expected to fail for value sets " + valueSets + " " + overrides
                + " but rendered:\n" + output);
    }

    /** The release notes (NOTES.txt) Helm prints after installing with these values (a client-side dry run). */
    String notes() {
        InstallCommand command = new Helm(directory()).install().withName(RELEASE).withNamespace(NAMESPACE).dryRun().clientOnly();
        for (String valueSet : valueSets) {
            command = command.withValuesFile(valuesFile(valueSet));
        }
        for (Map.Entry<String, Object> override : overrides.entrySet()) {
            command = command.set(override.getKey(), override.getValue());
        }
        String output = command.call().getOutput();
        int notes = output.indexOf("NOTES:");
        if (notes < 0) {
            throw new AssertionError("No NOTES in the install output:\n" + output);
        }
        return output.substring(notes);
    }

    /** {@code helm lint --strict} on the chart with its default values. */
    static LintResult lintStrict() {
        return new Helm(directory()).lint().strict().call();
    }

    private TemplateCommand template() {
        TemplateCommand command = new Helm(directory()).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String valueSet : valueSets) {
            command = command.withValuesFile(valuesFile(valueSet));
        }
        for (Map.Entry<String, Object> override : overrides.entrySet()) {
            command = command.set(override.getKey(), override.getValue());
        }
        return command;
    }

    /** The chart's folder, deploy/helm/naturaflux. */
    static Path directory() {
        return Repository.root().resolve("deploy/helm/naturaflux");
    }

    /** The file of a value set. */
    static Path valuesFile(String valueSet) {
        Path file = Repository.root().resolve("deploy/helm/src/test/resources/values/" + valueSet + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No value set " + file);
        }
        return file;
    }
}
