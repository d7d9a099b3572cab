package org.naturaflux.request.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

class JdbcToReactiveUrlInterceptorTest {

    @Test
    void reactiveUrlIsTheJdbcUrlWithoutItsPrefix() {
        SmallRyeConfig config = config(Map.of(
                JdbcToReactiveUrlInterceptor.REACTIVE_URL, "${NATURAFLUX_DB_URL:jdbc:postgresql://127.0.0.1:5432/naturaflux}",
                "NATURAFLUX_DB_URL", "jdbc:postgresql://db.example:6432/flux?sslmode=require"));

        assertEquals("postgresql://db.example:6432/flux?sslmode=require",
                config.getValue(JdbcToReactiveUrlInterceptor.REACTIVE_URL, String.class));
    }

    @Test
    void reactiveUrlAlreadyInReactiveFormIsKept() {
        SmallRyeConfig config = config(Map.of(JdbcToReactiveUrlInterceptor.REACTIVE_URL, "vertx-reactive:postgresql://h/db"));

        assertEquals("vertx-reactive:postgresql://h/db", config.getValue(JdbcToReactiveUrlInterceptor.REACTIVE_URL, String.class));
    }

    @Test
    void otherPropertiesAreUntouched() {
        SmallRyeConfig config = config(Map.of("naturaflux.source.url", "jdbc:postgresql://h/geonature"));

        assertEquals("jdbc:postgresql://h/geonature", config.getValue("naturaflux.source.url", String.class));
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withInterceptors(new JdbcToReactiveUrlInterceptor())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }
}
