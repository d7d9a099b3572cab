package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The request-service's e-mail settings: none by default (no mail is sent, they wait in the outbox);
 * with {@code mail.smtp.host} the ConfigMap carries the server, sender, staff and link, and the login
 * comes from the operator's Secret or the chart's; the export-worker gets none of it.
 */
class MailValuesTest {

    private static final List<String> EXISTING = List.of("connections", "existing-secrets", "mail-existing-secret");
    private static final List<String> INLINE = List.of("connections", "existing-secrets", "mail-inline");

    @Test
    void noSmtpServerByDefault() {
        PodEnvironment environment = requestService(ValueSets.chart(ValueSets.EXISTING_SECRETS).render());

        assertThat(environment.source("NATURAFLUX_SMTP_HOST")).isEmpty();
        assertThat(environment.source("NATURAFLUX_SMTP_USERNAME")).isEmpty();
        assertThat(environment.source("NATURAFLUX_SMTP_PASSWORD")).isEmpty();
    }

    @Test
    void smtpSettingsAndTheLoginFromTheOperatorsSecret() {
        Manifests manifests = ValueSets.chart(EXISTING).render();
        PodEnvironment environment = requestService(manifests);

        assertThat(value(environment, "NATURAFLUX_SMTP_HOST")).isEqualTo("smtp.example.org");
        assertThat(value(environment, "NATURAFLUX_SMTP_PORT")).isEqualTo("465");
        assertThat(value(environment, "NATURAFLUX_SMTP_START_TLS")).isEqualTo("DISABLED");
        assertThat(value(environment, "NATURAFLUX_SMTP_TLS")).isEqualTo("true");
        assertThat(value(environment, "NATURAFLUX_MAIL_FROM")).isEqualTo("NaturaFlux <noreply@example.org>");
        assertThat(value(environment, "NATURAFLUX_MAIL_STAFF")).isEqualTo("equipe@example.org,sig@example.org");
        assertThat(value(environment, "NATURAFLUX_PORTAL_URL")).isEqualTo("https://naturaflux.example.org");
        assertThat(environment.source("NATURAFLUX_SMTP_USERNAME"))
                .contains(new PodEnvironment.FromSecret("naturaflux-smtp", "username", Optional.empty()));
        assertThat(environment.source("NATURAFLUX_SMTP_PASSWORD"))
                .contains(new PodEnvironment.FromSecret("naturaflux-smtp", "pass", Optional.empty()));
        assertThat(manifests.ofKind("Secret")).isEmpty();

        PodEnvironment worker = PodEnvironment.of(Workloads.serviceContainer(manifests, "export-worker"), manifests);
        assertThat(worker.source("NATURAFLUX_SMTP_HOST")).isEmpty();
        assertThat(worker.source("NATURAFLUX_SMTP_PASSWORD")).isEmpty();
    }

    @Test
    void anInlineLoginGoesToTheChartsSecret() {
        Manifests manifests = ValueSets.chart(INLINE).render();
        PodEnvironment environment = requestService(manifests);

        assertThat(manifests.ofKind("Secret")).singleElement()
                .satisfies(secret -> assertThat(PodEnvironment.secretData(secret))
                        .containsEntry("smtp-username", "nf-mailer").containsEntry("smtp-password", "smtp-Pass-4c2e91"));
        assertThat(environment.source("NATURAFLUX_SMTP_PASSWORD")).get()
                .isInstanceOfSatisfying(PodEnvironment.FromSecret.class,
                        s -> assertThat(s.value()).contains("smtp-Pass-4c2e91"));
        assertThat(value(environment, "NATURAFLUX_SMTP_PORT")).isEqualTo("587");
        assertThat(value(environment, "NATURAFLUX_SMTP_START_TLS")).isEqualTo("REQUIRED");
    }

    private static PodEnvironment requestService(Manifests manifests) {
        return PodEnvironment.of(Workloads.serviceContainer(manifests, "request-service"), manifests);
    }

    private static String value(PodEnvironment environment, String variable) {
        PodEnvironment.Source source = environment.source(variable)
                .orElseThrow(() -> new AssertionError("request-service lacks " + variable));
        assertThat(source).as(variable).isInstanceOf(PodEnvironment.FromConfigMap.class);
        return ((PodEnvironment.FromConfigMap) source).value();
    }
}
