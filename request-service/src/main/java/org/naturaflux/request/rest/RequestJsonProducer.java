package org.naturaflux.request.rest;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Comparator;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's {@link ObjectMapper} (Quarkus REST reads and writes bodies with it), built on
 * {@link GuardedJson}'s factory so that every body is checked while it is parsed. Quarkus's
 * customizers ({@code quarkus.jackson.*} among them) are applied as its own producer would. A value is
 * never turned into another type: a number or a boolean where a text is expected, a text or a fraction
 * where an integer is, a text or a number where a boolean is, an empty text where an id is, are wrong
 * types (400); so is a null inside an array.
 *
 * <p>The mapper is built while the application starts, before runtime configuration can be injected:
 * the text limit ({@code naturaflux.flux.max-text-length}) is read when the first body is.
 */
@Singleton
public class RequestJsonProducer {

    @Produces
    @Singleton
    ObjectMapper objectMapper(Instance<ObjectMapperCustomizer> customizers) {
        ObjectMapper mapper = new ObjectMapper(new GuardedJson.Factory(() -> ConfigProvider.getConfig()
                .getOptionalValue("naturaflux.flux.max-text-length", Integer.class).orElse(2000)));
        customizers.stream().sorted(Comparator.comparingInt(ObjectMapperCustomizer::priority).reversed())
                .forEach(customizer -> customizer.customize(mapper));
        refuseConversions(mapper);
        return mapper;
    }

    /** Makes {@code mapper} refuse to turn a value into another type, and nulls inside arrays. */
    static void refuseConversions(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.OtherScalar)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    }
}
