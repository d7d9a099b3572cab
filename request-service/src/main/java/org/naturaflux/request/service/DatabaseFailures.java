package org.naturaflux.request.service;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

/**
 * What a database failure means for the caller, by its SQLState (JDBC's {@link SQLException} from the
 * source, the reactive client's {@link PgException} from the service's own database):
 * <ul>
 *   <li>class 22 (data exception: a value the database cannot take, e.g. a NUL byte, an out-of-range
 *   number or date) is the client's: 400;</li>
 *   <li>class 23 (integrity constraint) is a conflict with what is stored: 409;</li>
 *   <li>class 08 (connection), 53 (insufficient resources), 57P (server shutting down), 57014 (statement
 *   timeout), a pool acquisition timeout or a refused connection: the database is unavailable, 503;</li>
 *   <li>anything else is a bug of the service: 500.</li>
 * </ul>
 * The text rule and the validator stop bad values before they reach SQL; this is the second line, so
 * that what slips through still gets the right class of answer.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** The HTTP status a failure stands for, or 0 when it is not a database failure. */
    public static int status(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String state = cause instanceof SQLException sql ? sql.getSQLState()
                    : cause instanceof PgException pg ? pg.getSqlState() : null;
            if (state != null && state.length() == 5) {
                return statusOf(state);
            }
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
                    || cause instanceof SocketTimeoutException || cause instanceof UnknownHostException
                    || cause instanceof TimeoutException || acquisitionTimeout(cause)) {
                return 503;
            }
            if (cause instanceof SQLException) {
                return 500;
            }
        }
        return 0;
    }

    /** The status of an SQLState. */
    static int statusOf(String state) {
        if (state.startsWith("22")) {
            return 400;
        }
        if (state.startsWith("23")) {
            return 409;
        }
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("57014")) {
            return 503;
        }
        return 500;
    }

    /** The failure as the API answers it (no database text: it may name hosts and tables). */
    public static ApiException toApi(Throwable failure, String what) {
        int status = status(failure);
        ApiException answer = switch (status) {
            case 400 -> new ApiException(400, "a value of the request cannot be stored or searched: " + sqlState(failure));
            case 409 -> new ApiException(409, "the request conflicts with stored data");
            case 503 -> ApiException.unavailable(what + " cannot be reached right now; retry later");
            default -> new ApiException(500, "internal error");
        };
        answer.initCause(failure);
        return answer;
    }

    private static boolean acquisitionTimeout(Throwable cause) {
        // Agroal's pool (the source's JDBC datasource) and the reactive pool say so only in their message
        String message = cause.getMessage();
        return message != null && (message.contains("acquisition timeout") || message.contains("Timeout waiting for")
                || message.contains("Connection refused") || message.contains("Connection is closed"));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return "SQLState " + sql.getSQLState();
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                return "SQLState " + pg.getSqlState();
            }
        }
        return "refused by the database";
    }
}
