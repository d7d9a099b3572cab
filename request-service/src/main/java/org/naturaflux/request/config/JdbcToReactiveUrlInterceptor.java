package org.naturaflux.request.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Lets operators give the service's database once, in JDBC form ({@code NATURAFLUX_DB_URL}, shared with
 * the tools and the tests), while the reactive client needs the same URL without the {@code jdbc:}
 * prefix: strips it from {@code quarkus.datasource.reactive.url} after expressions are expanded.
 * Registered through {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
public class JdbcToReactiveUrlInterceptor implements ConfigSourceInterceptor {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    private static final String JDBC_PREFIX = "jdbc:";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (REACTIVE_URL.equals(name) && value != null && value.getValue() != null
                && value.getValue().startsWith(JDBC_PREFIX)) {
            return value.withValue(value.getValue().substring(JDBC_PREFIX.length()));
        }
        return value;
    }
}
