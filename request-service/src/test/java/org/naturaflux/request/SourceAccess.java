package org.naturaflux.request;

import java.sql.Connection;
import java.sql.SQLException;

/** The test source database for tests outside this package. */
public final class SourceAccess {

    private SourceAccess() {
    }

    public static Connection connect() throws SQLException {
        return SourceDatabase.connect();
    }
}
