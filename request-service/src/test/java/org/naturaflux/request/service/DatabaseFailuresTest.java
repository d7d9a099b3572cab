package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** SQLState classes to statuses, for JDBC and reactive errors, however deeply wrapped. */
class DatabaseFailuresTest {

    @Test
    void dataErrorsAreTheClients() {
        // 22021: a NUL byte in a text parameter, as PostgreSQL answers it
        assertThat(DatabaseFailures.status(new PSQLException("invalid byte sequence for encoding \"UTF8\": 0x00",
                PSQLState.DATA_ERROR))).isEqualTo(400);
        assertThat(DatabaseFailures.status(new SQLException("bad", "22021"))).isEqualTo(400);
        assertThat(DatabaseFailures.status(new CompletionException(new RuntimeException(
                new PgException("date out of range", "ERROR", "22008", null))))).isEqualTo(400);
        ApiException answer = DatabaseFailures.toApi(new SQLException("invalid byte sequence", "22021"), "the source");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.getMessage()).contains("22021").doesNotContain("invalid byte sequence");
    }

    @Test
    void connectionFailuresAreUnavailability() {
        assertThat(DatabaseFailures.status(new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT))).isEqualTo(503);
        assertThat(DatabaseFailures.status(new SQLException("Sorry, acquisition timeout!"))).isEqualTo(503);
        assertThat(DatabaseFailures.status(new SQLException("x", "57P01"))).isEqualTo(503);
        assertThat(DatabaseFailures.status(new SQLException("x", "57014"))).isEqualTo(503);
        assertThat(DatabaseFailures.status(new RuntimeException(new ConnectException("Connection refused")))).isEqualTo(503);
        assertThat(DatabaseFailures.toApi(new SQLException("x", "08006"), "the observation source").getMessage())
                .startsWith("the observation source cannot be reached");
    }

    @Test
    void otherDatabaseErrorsAreTheServicesAndTheRestIsNotADatabaseFailure() {
        assertThat(DatabaseFailures.status(new SQLException("x", "23505"))).isEqualTo(409);
        assertThat(DatabaseFailures.status(new SQLException("syntax", "42601"))).isEqualTo(500);
        assertThat(DatabaseFailures.status(new PgException("no column", "ERROR", "42703", null))).isEqualTo(500);
        assertThat(DatabaseFailures.status(new IllegalStateException("bug"))).isZero();
    }
}
