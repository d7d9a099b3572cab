package org.naturaflux.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;

class CommandIdsTest {

    @Test
    void readsTheIdsOfACommandWhoseSpecificationIsBroken() {
        String json = "{\"version\":1,\"runId\":\"6f1c7a52-3f2e-4c8e-9d7a-0d1b2c3d4e5f\","
                + "\"fluxId\":\"0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9\",\"attempt\":2,\"spec\":{\"territory\":[]}}";

        CommandIds ids = CommandIds.peek(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();

        assertThat(ids.runId()).isEqualTo(UUID.fromString("6f1c7a52-3f2e-4c8e-9d7a-0d1b2c3d4e5f"));
        assertThat(ids.fluxId()).isEqualTo(UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"));
        RunEvent failed = ids.failed("worker-1", "undecodable export command: spec");
        assertThat(failed.type()).isEqualTo(RunEventType.FAILED);
        assertThat(failed.attempt()).isEqualTo(2);
        assertThat(failed.error()).isEqualTo("undecodable export command: spec");
    }

    @Test
    void hasNoIdsForGarbageOrMissingIdentifiers() {
        assertThat(CommandIds.peek("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CommandIds.peek("[1,2]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CommandIds.peek("{\"runId\":\"x\",\"fluxId\":\"y\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CommandIds.peek(null)).isEmpty();
    }
}
