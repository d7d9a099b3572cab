package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The portal's login (requestService.oidc): off by default; on, the request-service gets the provider's
 * settings from its ConfigMap and the client secret from the operator's existing Secret only, and Quarkus
 * resolves them as the service's application.properties says (the oracle: QuarkusConfig). The worker
 * gets none of it.
 */
class OidcSettingsTest {

    @Test
    void offByDefaultWithoutAnySecret() {
        Manifests manifests = ValueSets.chart(ValueSets.EXISTING_SECRETS).render();
        PodEnvironment service = PodEnvironment.of(Workloads.serviceContainer(manifests, "request-service"), manifests);

        assertThat(service.values()).containsEntry("NATURAFLUX_OIDC_ENABLED", "false").doesNotContainKey("NATURAFLUX_OIDC_CLIENT_SECRET");
        assertThat(QuarkusConfig.ofService("request-service").value("quarkus.oidc.tenant-enabled", service.values())).contains("false");
    }

    @Test
    void onTheServiceGetsTheProviderAndTheSecretFromTheExistingSecret() {
        Manifests manifests = Chart.with(ValueSets.EXISTING_SECRETS.toArray(String[]::new))
                .set("requestService.oidc.enabled", true)
                .set("requestService.oidc.authServerUrl", "https://sso.example.org/realms/naturaflux")
                .set("requestService.oidc.clientSecret.existingSecret", "naturaflux-portal-oidc")
                .set("requestService.oidc.clientSecret.key", "secret")
                .render();
        PodEnvironment service = PodEnvironment.of(Workloads.serviceContainer(manifests, "request-service"), manifests);
        PodEnvironment worker = PodEnvironment.of(Workloads.serviceContainer(manifests, "export-worker"), manifests);

        PodEnvironment.Source secret = service.source("NATURAFLUX_OIDC_CLIENT_SECRET").orElseThrow();
        assertThat(secret).isEqualTo(new PodEnvironment.FromSecret("naturaflux-portal-oidc", "secret", Optional.empty()));
        assertThat(manifests.ofKind("Secret")).isEmpty();
        assertThat(worker.sources()).doesNotContainKeys("NATURAFLUX_OIDC_CLIENT_SECRET", "NATURAFLUX_OIDC_ENABLED");

        QuarkusConfig config = QuarkusConfig.ofService("request-service");
        Map<String, String> env = new HashMap<>(service.values());
        env.put("NATURAFLUX_OIDC_CLIENT_SECRET", "the-secret-from-the-secret");
        assertThat(config.value("quarkus.oidc.tenant-enabled", env)).contains("true");
        assertThat(config.value("quarkus.oidc.auth-server-url", env)).contains("https://sso.example.org/realms/naturaflux");
        assertThat(config.value("quarkus.oidc.client-id", env)).contains("naturaflux-portal");
        assertThat(config.value("quarkus.oidc.credentials.secret", env)).contains("the-secret-from-the-secret");
        assertThat(config.value("naturaflux.auth.session-key", env)).contains("the-secret-from-the-secret");
        assertThat(config.value("naturaflux.auth.admin-role", env)).contains("naturaflux-admin");
        assertThat(config.value("naturaflux.auth.partner-claim", env)).contains("partner_id");
        assertThat(config.value("quarkus.oidc.roles.role-claim-path", env)).contains("realm_access/roles");
        assertThat(config.value("quarkus.oidc.authentication.cookie-force-secure", env)).contains("true");
    }

    @Test
    void onWithoutProviderOrSecretIsRefused() {
        String message = Chart.with(ValueSets.EXISTING_SECRETS.toArray(String[]::new))
                .set("requestService.oidc.enabled", true)
                .renderFailure();

        assertThat(message).contains("requestService.oidc: enabled needs authServerUrl");
    }
}
