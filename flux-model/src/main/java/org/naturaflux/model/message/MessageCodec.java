package org.naturaflux.model.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of the messages: the one codec both services use. Unknown properties are tolerated
 * (a newer minor schema may add some); a message of a newer major {@code version} is refused, so a
 * worker never half-understands a command.
 */
public final class MessageCodec {

    /** The schema version this code writes and the highest it reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private MessageCodec() {
    }

    /** Applies the message conventions (ISO-8601 times, no nulls written, tolerant reading) to a mapper. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** A mapper with the message conventions, for other JSON of the project (manifests). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public static String encodeToString(Object message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    /**
     * Decodes a message, checking its version.
     *
     * @throws MalformedMessageException when the bytes are not a valid message of a known version
     */
    public static <T> T decode(byte[] json, Class<T> type) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new MalformedMessageException("not a JSON object");
            }
            int version = tree.path("version").asInt(-1);
            if (version < 1 || version > VERSION) {
                throw new MalformedMessageException("unsupported message version " + tree.path("version")
                        + " (this code reads 1 to " + VERSION + ")");
            }
            return MAPPER.treeToValue(tree, type);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedMessageException("invalid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static <T> T decode(String json, Class<T> type) {
        return decode(json.getBytes(StandardCharsets.UTF_8), type);
    }
}
