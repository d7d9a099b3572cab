package org.naturaflux.worker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunLogContextTest {

    private static final UUID FLUX = UUID.fromString("00000000-0000-0000-0000-00000000f1f1");
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID PARTNER = UUID.fromString("00000000-0000-0000-0000-0000000000b2");

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        MDC.clear();
    }

    @Test
    void putsTheRunsIdsAndRestoresTheOuterContextOnClose() {
        MDC.put("requestId", "r-1");
        try (RunLogContext.Scope outer = RunLogContext.open(FLUX, null, PARTNER, 0, null)) {
            try (RunLogContext.Scope inner = RunLogContext.open(FLUX, RUN, PARTNER, 2, "worker-7")) {
                assertThat(MDC.getMap()).containsExactlyInAnyOrderEntriesOf(Map.of("requestId", "r-1",
                        "fluxId", FLUX.toString(), "runId", RUN.toString(), "partnerId", PARTNER.toString(),
                        "attempt", "2", "workerId", "worker-7"));
            }
            assertThat(MDC.getMap()).containsExactlyInAnyOrderEntriesOf(Map.of("requestId", "r-1",
                    "fluxId", FLUX.toString(), "partnerId", PARTNER.toString()));
        }
        assertThat(MDC.getMap()).containsExactlyInAnyOrderEntriesOf(Map.of("requestId", "r-1"));
    }

    @Test
    void aPoolThreadRunsACarriedTaskWithTheSubmittersContextAndKeepsNothingAfter() throws Exception {
        // The pool's thread exists before any run context: it inherits nothing from the submitter.
        assertThat(pool.submit(() -> MDC.getMap()).get(10, TimeUnit.SECONDS)).isEmpty();
        Map<String, Object> seen;
        try (RunLogContext.Scope scope = RunLogContext.open(FLUX, RUN, PARTNER, 1, "worker-1")) {
            assertThat(pool.submit(() -> MDC.get(RunLogContext.RUN_ID)).get(10, TimeUnit.SECONDS))
                    .as("an uncarried task on a pool thread").isNull();
            seen = pool.submit(RunLogContext.carried(() -> MDC.getMap())::get).get(10, TimeUnit.SECONDS);
        }
        assertThat(seen).containsEntry("fluxId", FLUX.toString()).containsEntry("runId", RUN.toString())
                .containsEntry("partnerId", PARTNER.toString()).containsEntry("attempt", "1")
                .containsEntry("workerId", "worker-1");
        assertThat(pool.submit(() -> MDC.getMap()).get(10, TimeUnit.SECONDS))
                .as("the pool thread after the carried task").isEmpty();
    }

    @Test
    void aThreadStartedForTheRunLogsWithItsIds() throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>();
        Runnable read;
        try (RunLogContext.Scope scope = RunLogContext.open(FLUX, RUN, PARTNER, 1, "worker-1")) {
            read = RunLogContext.carried(() -> seen.set(MDC.get(RunLogContext.PARTNER_ID)));
        }
        // Created outside the context: only the carrying can give the thread the run's ids.
        Thread reader = new Thread(read, "rows");
        reader.start();
        reader.join(10_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(seen.get()).isEqualTo(PARTNER.toString());
    }
}
