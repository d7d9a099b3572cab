package org.naturaflux.request.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.naturaflux.request.config.LimitsConfig;

/**
 * Failed authentications per client address, in fixed windows: once an address has caused
 * {@code auth-failures} 401s in a window, it is refused (429) until the window ends, whatever it sends,
 * so that tokens cannot be guessed at the API's speed. The address is the one Quarkus resolves (the
 * client behind a trusted proxy, never a forwarded header from anyone else). Per replica; the table is
 * bounded (expired windows are dropped when it grows).
 */
@ApplicationScoped
public class AuthFailures {

    private static final int MAX_TRACKED = 100_000;

    private final int limit;
    private final long windowNanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    AuthFailures(LimitsConfig config) {
        this.limit = config.authFailures();
        this.windowNanos = config.authFailureWindow().toNanos();
    }

    /** How long {@code address} is still refused, or {@link Duration#ZERO} when it may try. */
    public Duration refusedFor(String address) {
        Window window = windows.get(key(address));
        long now = System.nanoTime();
        if (window == null || now - window.start >= windowNanos || window.failures < limit) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(windowNanos - (now - window.start));
    }

    /** Records a failed authentication from {@code address}. */
    public void failed(String address) {
        long now = System.nanoTime();
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(w -> now - w.start >= windowNanos);
            if (windows.size() >= MAX_TRACKED) {
                windows.clear();
            }
        }
        windows.compute(key(address), (k, w) -> w == null || now - w.start >= windowNanos
                ? new Window(now, 1) : new Window(w.start, w.failures + 1));
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }

    private record Window(long start, int failures) {
    }
}
