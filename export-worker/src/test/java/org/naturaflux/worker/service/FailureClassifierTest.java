package org.naturaflux.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.model.spec.Violation;
import org.naturaflux.storage.StorageException;
import org.naturaflux.worker.messaging.EventDeliveryException;

class FailureClassifierTest {

    @Test
    void anInvalidSpecificationIsPermanentAndNamesTheViolation() {
        ExportFailure failure = FailureClassifier.classify(new InvalidSpecException(List.of(
                new Violation("/fields/3", "unknown field 'altitude'"))));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason()).startsWith("invalid flux specification").contains("/fields/3").contains("altitude");
    }

    @Test
    void connectionAndResourceTroubleOfTheSourceIsTransient() {
        for (String state : List.of("08001", "08006", "40001", "40P01", "53300", "57P01", "57014", "58000")) {
            assertThat(FailureClassifier.classify(new SQLException("boom", state)).retryable()).as(state).isTrue();
        }
        assertThat(FailureClassifier.classify(new SQLException("I/O error", (String) null)).retryable()).isTrue();
    }

    @Test
    void aQueryTheSourceRejectsIsPermanent() {
        ExportFailure failure = FailureClassifier.classify(new SQLException("parse error - invalid geometry", "XX000"));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason()).contains("rejected the export query").contains("XX000").contains("invalid geometry");
        assertThat(FailureClassifier.classify(new SQLException("relation does not exist", "42P01")).retryable()).isFalse();
    }

    @Test
    void storageBrokerAndDiskTroubleIsTransientEvenWhenWrapped() {
        assertThat(FailureClassifier.classify(new CompletionException(new StorageException("upload x", new IOException("reset"))))
                .retryable()).isTrue();
        assertThat(FailureClassifier.classify(new EventDeliveryException("no ack", null)).retryable()).isTrue();
        assertThat(FailureClassifier.classify(new IOException("No space left on device")).reason()).contains("No space left");
    }

    @Test
    void anUnexpectedErrorIsPermanent() {
        ExportFailure failure = FailureClassifier.classify(new IllegalArgumentException("row 12 has 3 values for 4 fields"));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason()).contains("row 12 has 3 values for 4 fields");
    }

    @Test
    void backoffDoublesFromTheInitialPauseUpToTheCap() {
        Duration initial = Duration.ofSeconds(2);
        Duration max = Duration.ofSeconds(30);

        assertThat(ExportCommandHandler.backoff(initial, max, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ExportCommandHandler.backoff(initial, max, 2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(ExportCommandHandler.backoff(initial, max, 4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(ExportCommandHandler.backoff(initial, max, 5)).isEqualTo(max);
        assertThat(ExportCommandHandler.backoff(initial, max, 60)).isEqualTo(max);
    }
}
