package org.naturaflux.request.security;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.naturaflux.request.config.AuthConfig;
import org.naturaflux.request.security.Caller.Person;

/**
 * The people logged in to the portal: the OpenID Connect session (authorization code flow, Quarkus OIDC
 * web-app; its cookie holds the encrypted tokens) read as a {@link Session}. Off unless
 * {@code quarkus.oidc.tenant-enabled} (NATURAFLUX_OIDC_ENABLED): without it no request has a session and
 * the API takes bearer tokens only. With it, the service refuses to start without a session key.
 */
@ApplicationScoped
public class PortalSessions {

    private final AuthConfig config;
    private final boolean enabled;
    private final CsrfTokens csrf;

    PortalSessions(AuthConfig config, @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean enabled) {
        this.config = config;
        this.enabled = enabled;
        this.csrf = enabled && config.sessionKey().isPresent() ? new CsrfTokens(config.sessionKey().get()) : null;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled && csrf == null) {
            throw new IllegalStateException("OpenID Connect is enabled (NATURAFLUX_OIDC_ENABLED) but no session key is set "
                    + "(naturaflux.auth.session-key, by default NATURAFLUX_OIDC_CLIENT_SECRET)");
        }
    }

    /** The portal session of {@code identity}, or empty when it is anonymous or not an OpenID Connect login. */
    public Optional<Session> of(SecurityIdentity identity) {
        if (!enabled || identity == null || identity.isAnonymous() || identity.getCredential(IdTokenCredential.class) == null
                || !(identity.getPrincipal() instanceof JsonWebToken idToken) || idToken.getSubject() == null) {
            return Optional.empty();
        }
        String subject = idToken.getSubject();
        String username = firstNonBlank(idToken.getClaim("preferred_username"), subject);
        String name = firstNonBlank(idToken.getClaim("name"), username);
        String sessionId = firstNonBlank(idToken.getClaim("sid"), String.valueOf(idToken.<Object>getClaim("auth_time")));
        Object partner = idToken.getClaim(config.partnerClaim());
        return Optional.of(new Session(new Person(subject, username, name), identity.hasRole(config.adminRole()),
                partner == null ? null : partner.toString().replace("\"", "").strip(), config.partnerClaim(),
                csrf.tokenFor(subject, sessionId), sessionId));
    }

    /** Whether {@code presented} is the CSRF token of {@code session}. */
    public boolean csrfValid(Session session, String presented) {
        return csrf.matches(session.person().subject(), session.sessionId(), presented);
    }

    private static String firstNonBlank(Object value, String fallback) {
        String text = value == null ? null : value.toString().replace("\"", "").strip();
        return text == null || text.isEmpty() ? fallback : text;
    }

    /**
     * A person's portal session.
     *
     * @param person       who
     * @param admin        whether the person has the admin role
     * @param partnerClaim the partner claim's value, null when absent
     * @param claimName    the partner claim's name (for messages)
     * @param csrfToken    the session's CSRF token
     * @param sessionId    the provider's session id
     */
    public record Session(Person person, boolean admin, String partnerClaim, String claimName, String csrfToken,
                          String sessionId) {
    }
}
