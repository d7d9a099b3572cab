package org.naturaflux.request.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The relay's retry schedule and Message-IDs, by themselves. */
class MailRelayTest {

    @Test
    void backoffDoublesFromTheMinimumUpToTheMaximum() {
        Duration min = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(5);
        assertThat(MailRelay.backoff(0, min, max)).isEqualTo(Duration.ofSeconds(30));
        assertThat(MailRelay.backoff(1, min, max)).isEqualTo(Duration.ofSeconds(60));
        assertThat(MailRelay.backoff(3, min, max)).isEqualTo(Duration.ofSeconds(240));
        assertThat(MailRelay.backoff(4, min, max)).isEqualTo(max);
        assertThat(MailRelay.backoff(1000, min, max)).isEqualTo(max);
    }

    @Test
    void messageIdIsTheEventIdMadeAValidIdLeft() {
        assertThat(MailRelay.messageId("flux-approved:0b7e6c1e-5f2a-4c53-9a39-3e2a1c9d8f00"))
                .isEqualTo("<flux-approved.0b7e6c1e-5f2a-4c53-9a39-3e2a1c9d8f00@naturaflux>");
        assertThat(MailRelay.messageId("flux-suspended:x:1765080000000")).isEqualTo("<flux-suspended.x.1765080000000@naturaflux>")
                .matches("<[A-Za-z0-9.-]+@naturaflux>");
    }
}
