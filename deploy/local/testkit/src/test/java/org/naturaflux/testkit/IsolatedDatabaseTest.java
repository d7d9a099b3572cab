package org.naturaflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class IsolatedDatabaseTest {

    private final TestStack stack = TestStack.fromEnvironment();

    @Test
    void createsADatabaseWithPostgisOwnedByTheServiceRole() throws SQLException {
        try (IsolatedDatabase db = IsolatedDatabase.create(IsolatedDatabaseTest.class);
             Connection connection = db.connect();
             Statement statement = connection.createStatement()) {
            assertThat(db.name()).matches("nf_t_isolateddatabasetest_[0-9a-f]{8}");
            assertThat(db.jdbcUrl()).endsWith("/" + db.name());

            ResultSet row = statement.executeQuery("SELECT current_database(), current_user,"
                    + " ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326), 2154))");
            row.next();
            assertThat(row.getString(1)).isEqualTo(db.name());
            assertThat(row.getString(2)).isEqualTo(stack.dbUser());
            assertThat(row.getString(3)).startsWith("POINT(652");

            statement.execute("CREATE TABLE t (id int primary key)");
        }
    }

    @Test
    void closeDropsTheDatabaseEvenWithOpenConnections() throws SQLException {
        IsolatedDatabase db = IsolatedDatabase.create(stack, "drop me");
        Connection open = db.connect();

        db.close();
        db.close();

        assertThat(open.isValid(2)).isFalse();
        assertThat(databaseExists(db.name())).isFalse();
    }

    @Test
    void twoDatabasesNeverShareAName() {
        try (IsolatedDatabase first = IsolatedDatabase.create(stack, "same");
             IsolatedDatabase second = IsolatedDatabase.create(stack, "same")) {
            assertThat(first.name()).isNotEqualTo(second.name());
        }
    }

    @Test
    void readOnlyRoleReadsButCannotWrite() throws SQLException {
        try (IsolatedDatabase db = IsolatedDatabase.create(stack, "source side")) {
            try (Connection owner = db.connect(); Statement statement = owner.createStatement()) {
                statement.execute("CREATE SCHEMA gn_synthese");
                statement.execute("CREATE TABLE gn_synthese.synthese (id int primary key, geom geometry(Point, 4326))");
                statement.execute("INSERT INTO gn_synthese.synthese VALUES (1, ST_SetSRID(ST_MakePoint(1, 45), 4326))");
            }
            db.grantReadOnly(stack.sourceDbUser());
            try (Connection owner = db.connect(); Statement statement = owner.createStatement()) {
                statement.execute("CREATE TABLE gn_synthese.later (id int)");
            }

            try (Connection reader = DriverManager.getConnection(db.jdbcUrl(), stack.sourceDbUser(), stack.sourceDbPassword());
                 Statement statement = reader.createStatement()) {
                ResultSet row = statement.executeQuery("SELECT count(*) FROM gn_synthese.synthese");
                row.next();
                assertThat(row.getInt(1)).isEqualTo(1);
                assertThat(statement.executeQuery("SELECT count(*) FROM gn_synthese.later").next()).isTrue();
                assertThatThrownBy(() -> statement.execute("DELETE FROM gn_synthese.synthese"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void urlKeepsHostAndParametersWithTheDatabaseName() {
        assertThat(IsolatedDatabase.withDatabase("jdbc:postgresql://h:5432/naturaflux?sslmode=disable", "x"))
                .isEqualTo("jdbc:postgresql://h:5432/x?sslmode=disable");
    }

    private boolean databaseExists(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.dbUrl(), stack.dbUser(), stack.dbPassword());
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            return statement.executeQuery().next();
        }
    }
}
