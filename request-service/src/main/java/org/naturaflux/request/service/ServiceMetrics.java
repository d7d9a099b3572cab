package org.naturaflux.request.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's own Prometheus counters, beside Quarkus's HTTP, JVM, pool and Kafka metrics:
 * {@code naturaflux_runs_created_total{origin}}, {@code naturaflux_run_events_total{outcome}},
 * {@code naturaflux_download_urls_total{format}}, {@code naturaflux_outbox_sent_total},
 * {@code naturaflux_outbox_send_failures_total}, {@code naturaflux_outbox_rejected_total} (messages the broker
 * refuses for good), {@code naturaflux_change_events_skipped_total} (change events that could not be read
 * or routed), {@code naturaflux_auth_failures_total{reason}} (401s: missing or invalid token),
 * {@code naturaflux_limit_reached_total{limit}} (429s: submission-rate, source-checks, pending-requests,
 * auth-failures).
 */
@ApplicationScoped
public class ServiceMetrics {

    private final MeterRegistry registry;

    ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void runCreated(String origin) {
        registry.counter("naturaflux.runs.created", "origin", origin).increment();
    }

    public void runEvent(String outcome) {
        registry.counter("naturaflux.run.events", "outcome", outcome).increment();
    }

    public void downloadUrl(String format) {
        registry.counter("naturaflux.download.urls", "format", format).increment();
    }

    public void outboxSent(int messages) {
        registry.counter("naturaflux.outbox.sent").increment(messages);
    }

    public void outboxSendFailure() {
        registry.counter("naturaflux.outbox.send.failures").increment();
    }

    public void authFailure(String reason) {
        registry.counter("naturaflux.auth.failures", "reason", reason).increment();
    }

    public void limitReached(String limit) {
        registry.counter("naturaflux.limit.reached", "limit", limit).increment();
    }

    public void outboxRejected() {
        registry.counter("naturaflux.outbox.rejected").increment();
    }

    public void changeEventSkipped() {
        registry.counter("naturaflux.change.events.skipped").increment();
    }
}
