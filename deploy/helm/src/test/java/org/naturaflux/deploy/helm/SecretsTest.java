package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Credentials: never a default value, only Secrets the operator has or values the operator gives;
 * each service gets exactly the credentials it needs, from a Secret, never from a ConfigMap.
 */
class SecretsTest {

    /** A credential: the variable the services read, where its value and its existing Secret are set in the values. */
    record Credential(String variable, String valuePath, String existingSecretPath, String keyPath) {

        String expectedValue(Node values) {
            return values.at(valuePath.split("\\.")).text();
        }

        String existingSecret(Node values) {
            return values.at(existingSecretPath.split("\\.")).text();
        }

        String existingKey(Node values) {
            return values.at(keyPath.split("\\.")).text();
        }
    }

    static final Credential DB_USER = new Credential("NATURAFLUX_DB_USER",
            "database.auth.username", "database.auth.existingSecret", "database.auth.usernameKey");
    static final Credential DB_PASSWORD = new Credential("NATURAFLUX_DB_PASSWORD",
            "database.auth.password", "database.auth.existingSecret", "database.auth.passwordKey");
    static final Credential SOURCE_USER = new Credential("NATURAFLUX_SOURCE_DB_USER",
            "sourceDatabase.auth.username", "sourceDatabase.auth.existingSecret", "sourceDatabase.auth.usernameKey");
    static final Credential SOURCE_PASSWORD = new Credential("NATURAFLUX_SOURCE_DB_PASSWORD",
            "sourceDatabase.auth.password", "sourceDatabase.auth.existingSecret", "sourceDatabase.auth.passwordKey");
    static final Credential S3_ACCESS_KEY = new Credential("NATURAFLUX_S3_ACCESS_KEY",
            "s3.auth.accessKey", "s3.auth.existingSecret", "s3.auth.accessKeyKey");
    static final Credential S3_SECRET_KEY = new Credential("NATURAFLUX_S3_SECRET_KEY",
            "s3.auth.secretKey", "s3.auth.existingSecret", "s3.auth.secretKeyKey");
    static final Credential ADMIN_TOKEN = new Credential("NATURAFLUX_ADMIN_TOKEN",
            "requestService.adminToken.value", "requestService.adminToken.existingSecret", "requestService.adminToken.key");

    static final List<Credential> ALL = List.of(DB_USER, DB_PASSWORD, SOURCE_USER, SOURCE_PASSWORD, S3_ACCESS_KEY, S3_SECRET_KEY, ADMIN_TOKEN);

    /** What each service needs: the worker neither reads the service database nor serves the admin API. */
    static final Map<String, List<Credential>> NEEDED = Map.of(
            "request-service", ALL,
            "export-worker", List.of(SOURCE_USER, SOURCE_PASSWORD, S3_ACCESS_KEY, S3_SECRET_KEY));

    @Test
    void chartDefaultsHoldNoCredential() {
        Node defaults = Values.chartDefaults();
        for (Credential credential : ALL) {
            assertThat(credential.expectedValue(defaults)).as("default of %s", credential.valuePath()).isEmpty();
            assertThat(credential.existingSecret(defaults)).as("default of %s", credential.existingSecretPath()).isEmpty();
        }
    }

    @Test
    void existingSecretsAreOnlyReferenced() {
        Manifests manifests = ValueSets.chart(ValueSets.EXISTING_SECRETS).render();

        assertThat(manifests.ofKind("Secret")).isEmpty();
        assertEachServiceGetsItsCredentials(ValueSets.EXISTING_SECRETS, manifests);
    }

    @Test
    void inlineCredentialsGoToOneSecretHoldingExactlyThem() {
        Manifests manifests = ValueSets.chart(ValueSets.INLINE_SECRETS).render();
        Node given = Values.file("inline-secrets");

        assertThat(manifests.ofKind("Secret")).hasSize(1);
        Set<String> expected = new HashSet<>();
        ALL.forEach(credential -> expected.add(credential.expectedValue(given)));
        assertThat(new HashSet<>(PodEnvironment.secretData(manifests.ofKind("Secret").get(0)).values())).isEqualTo(expected);
        assertEachServiceGetsItsCredentials(ValueSets.INLINE_SECRETS, manifests);
    }

    @Test
    void existingAndInlineCredentialsMix() {
        Manifests manifests = ValueSets.chart(ValueSets.MIXED_SECRETS).render();

        assertThat(manifests.ofKind("Secret")).hasSize(1);
        assertThat(PodEnvironment.secretData(manifests.ofKind("Secret").get(0)).values())
                .doesNotContain("")
                .hasSize(5);
        assertEachServiceGetsItsCredentials(ValueSets.MIXED_SECRETS, manifests);
    }

    /**
     * Every Secret value is a credential the value set itself gives; no credential shows outside a
     * Secret (ConfigMaps, literal environment values, commands).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.naturaflux.deploy.helm.ValueSets#installable")
    void noSecretCarriesADefaultCredential(List<String> valueSets) {
        Manifests manifests = ValueSets.chart(valueSets).render();
        Set<String> given = givenCredentials(valueSets);

        for (KubeObject secret : manifests.ofKind("Secret")) {
            assertThat(PodEnvironment.secretData(secret)).as("%s", secret).allSatisfy((key, value) ->
                    assertThat(value).as("%s key %s", secret, key).isNotEmpty().isIn(given));
        }
        for (KubeObject configMap : manifests.ofKind("ConfigMap")) {
            assertThat(KubeObject.strings(configMap.at("data")).values()).as("%s", configMap)
                    .allSatisfy(value -> assertThat(given).noneMatch(credential -> value.contains(credential)));
        }
        for (KubeObject workload : manifests.workloads()) {
            for (Node container : Workloads.containers(workload)) {
                PodEnvironment.of(container, manifests).sources().forEach((name, source) -> {
                    if (source instanceof PodEnvironment.Literal literal) {
                        assertThat(given).as("%s %s literal %s", workload, container.get("name").text(), name)
                                .noneMatch(credential -> literal.value().contains(credential));
                    }
                });
                assertThat(given).as("%s %s command and arguments", workload, container.get("name").text())
                        .noneMatch(credential -> String.valueOf(container.get("command").value()).contains(credential)
                                || String.valueOf(container.get("args").value()).contains(credential));
            }
        }
        assertEachServiceGetsItsCredentials(valueSets, manifests);
    }

    /** The credential values the value set's own files give (the chart's defaults give none). */
    private static Set<String> givenCredentials(List<String> valueSets) {
        Set<String> given = new HashSet<>();
        for (String valueSet : valueSets) {
            Node file = Values.file(valueSet);
            for (Credential credential : ALL) {
                String value = credential.expectedValue(file);
                if (value != null && !value.isEmpty()) {
                    given.add(value);
                }
            }
        }
        return given;
    }

    /**
     * Each service's container gets the credentials it needs, each from a Secret key: the operator's
     * existing Secret and key when configured, else a rendered Secret holding the given value; and no
     * credential it does not need.
     */
    private static void assertEachServiceGetsItsCredentials(List<String> valueSets, Manifests manifests) {
        Node values = Values.merged(valueSets);
        for (String service : Workloads.SERVICES) {
            PodEnvironment environment = PodEnvironment.of(Workloads.serviceContainer(manifests, service), manifests);
            for (Credential credential : ALL) {
                if (!NEEDED.get(service).contains(credential)) {
                    assertThat(environment.source(credential.variable())).as("%s in %s", credential.variable(), service).isEmpty();
                    continue;
                }
                PodEnvironment.Source source = environment.source(credential.variable())
                        .orElseThrow(() -> new AssertionError(service + " lacks " + credential.variable()));
                assertThat(source).as("%s in %s", credential.variable(), service).isInstanceOf(PodEnvironment.FromSecret.class);
                PodEnvironment.FromSecret fromSecret = (PodEnvironment.FromSecret) source;
                String existingSecret = credential.existingSecret(values);
                if (existingSecret != null && !existingSecret.isEmpty()) {
                    assertThat(fromSecret.secret()).as("%s in %s", credential.variable(), service).isEqualTo(existingSecret);
                    assertThat(fromSecret.key()).as("%s in %s", credential.variable(), service).isEqualTo(credential.existingKey(values));
                    assertThat(fromSecret.value()).as("%s: the chart must not render the operator's Secret", existingSecret).isEmpty();
                } else {
                    assertThat(fromSecret.value()).as("%s in %s", credential.variable(), service).contains(credential.expectedValue(values));
                }
            }
        }
    }
}
