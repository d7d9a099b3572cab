package org.naturaflux.request.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The authenticated caller of the current request (and its session's CSRF token), set by {@link BearerAuthFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private String csrfToken;

    void set(Caller caller) {
        this.caller = caller;
    }

    void set(Caller caller, String csrfToken) {
        this.caller = caller;
        this.csrfToken = csrfToken;
    }

    /** The CSRF token of the caller's portal session; empty for a bearer token. */
    public Optional<String> csrfToken() {
        return Optional.ofNullable(csrfToken);
    }

    /** The caller, when the request was authenticated. */
    public Optional<Caller> find() {
        return Optional.ofNullable(caller);
    }

    /**
     * The caller. Resource methods read it on entry and hand it to the services.
     *
     * @throws IllegalStateException outside an authenticated request
     */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
        return caller;
    }
}
