package org.naturaflux.request.contract;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Registers {@link ContractFilter} before every test method of every {@code @QuarkusTest} (through
 * {@code META-INF/services}), in the RestAssured of the application's class loader, once.
 */
public class ContractCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        register();
    }

    /** Adds the filter unless RestAssured already has it. */
    public static synchronized void register() {
        if (RestAssured.filters().stream().noneMatch(ContractFilter.class::isInstance)) {
            RestAssured.filters(new ContractFilter());
        }
    }
}
