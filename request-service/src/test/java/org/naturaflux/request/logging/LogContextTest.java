package org.naturaflux.request.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogContextTest {

    private static final UUID FLUX = UUID.fromString("00000000-0000-0000-0000-00000000f1f1");
    private static final UUID OTHER_FLUX = UUID.fromString("00000000-0000-0000-0000-00000000f2f2");
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID PARTNER = UUID.fromString("00000000-0000-0000-0000-0000000000b2");

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theNextFluxOfAJobDoesNotKeepThePreviousRunsIds() {
        LogContext.run(FLUX, RUN, PARTNER, 2, "worker-1");
        assertThat(MDC.getMap()).containsExactlyInAnyOrderEntriesOf(Map.of("fluxId", FLUX.toString(),
                "runId", RUN.toString(), "partnerId", PARTNER.toString(), "attempt", "2", "workerId", "worker-1"));

        LogContext.flux(OTHER_FLUX, null);

        assertThat(MDC.getMap()).containsExactlyInAnyOrderEntriesOf(Map.of("fluxId", OTHER_FLUX.toString()));
    }

    @Test
    void clearRemovesOnlyItsOwnKeys() {
        MDC.put("traceId", "t-1");
        LogContext.run(FLUX, RUN, PARTNER, 1, null);

        LogContext.clear();

        assertThat(MDC.getMap()).containsExactlyInAnyOrderEntriesOf(Map.of("traceId", "t-1"));
    }
}
