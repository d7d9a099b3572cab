package org.naturaflux.request.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.spec.FluxSpec;

/** The stored form of a {@link FluxSpec}: flux-model's JSON conventions (the same as in commands). */
public final class SpecJson {

    private SpecJson() {
    }

    public static String write(FluxSpec spec) {
        return MessageCodec.encodeToString(spec);
    }

    public static FluxSpec read(String json) {
        try {
            return MessageCodec.mapper().readValue(json, FluxSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored flux specification is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
