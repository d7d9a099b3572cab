package org.naturaflux.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own {@link IsolatedDatabase}: created before the first test, dropped
 * after the last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final IsolatedDatabaseExtension DB = new IsolatedDatabaseExtension();
 * ... DB.database().connect() ...
 * }</pre>
 * or {@code @ExtendWith(IsolatedDatabaseExtension.class)} and an {@code IsolatedDatabase} parameter.
 */
public final class IsolatedDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private IsolatedDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = IsolatedDatabase.create(context.getRequiredTestClass());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** The current test class's database. */
    public IsolatedDatabase database() {
        if (database == null) {
            throw new IllegalStateException("no isolated database outside a test class: register "
                    + "IsolatedDatabaseExtension on a static field (@RegisterExtension) or with @ExtendWith");
        }
        return database;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == IsolatedDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return database();
    }
}
