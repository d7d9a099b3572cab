package org.naturaflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolatedDatabaseExtensionTest {

    @RegisterExtension
    static final IsolatedDatabaseExtension DB = new IsolatedDatabaseExtension();

    @Test
    @Order(1)
    void theClassDatabaseIsCreatedBeforeTheFirstTest() throws SQLException {
        try (Connection connection = DB.database().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE shared (id int)");
        }
        assertThat(DB.database().name()).startsWith("nf_t_isolateddatabaseextensiontest_");
    }

    @Test
    @Order(2)
    void testsOfTheClassShareIt(IsolatedDatabase database) throws SQLException {
        assertThat(database).isSameAs(DB.database());
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeQuery("SELECT count(*) FROM shared").next()).isTrue();
        }
    }
}
