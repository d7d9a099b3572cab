package org.naturaflux.worker.config;

import java.util.Objects;

/** The name of this worker process, as events and manifests carry it. */
public record WorkerId(String value) {
    public WorkerId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
