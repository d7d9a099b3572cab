package org.naturaflux.request.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.naturaflux.request.Api;

/**
 * A constant-rate load of mixed authenticated reads on a running request-service (not a test; run by
 * {@code bench/load.sh}): a partner and a few fluxes are created, then {@code RATE} requests per second
 * for {@code SECONDS} seconds, spread over the field catalogue, the flux list, one flux and its runs.
 * Latency is measured from each request's scheduled start (no coordinated omission). Prints the
 * percentiles, the achieved rate and the errors; exits 1 when p99 is over {@code P99_LIMIT_MS} or any
 * request failed.
 *
 * <p>Environment: {@code NATURAFLUX_API}, {@code NATURAFLUX_ADMIN_TOKEN}; optional {@code RATE} (200),
 * {@code DURATION} (60 s), {@code WARMUP} (15 s at the same rate first, not measured: a fresh JVM
 * answers its first requests slowly), {@code P99_LIMIT_MS} (50).
 */
public final class LoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        String api = System.getenv("NATURAFLUX_API");
        String admin = System.getenv("NATURAFLUX_ADMIN_TOKEN");
        int rate = Integer.parseInt(System.getenv().getOrDefault("RATE", "200"));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("DURATION", "60"));
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "15"));
        double limit = Double.parseDouble(System.getenv().getOrDefault("P99_LIMIT_MS", "50"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();

        String token = post(http, api, admin, "/api/v1/partners",
                "{\"name\":\"Bench partner\",\"contact\":{\"name\":\"Bench\",\"email\":\"bench@example.org\"}}").get("token").asText();
        List<String> fluxes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fluxes.add(post(http, api, token, "/api/v1/fluxes", "{\"structure\":\"Bench " + i + "\","
                    + "\"contact\":{\"name\":\"B\",\"email\":\"b@example.org\"},\"studies\":[{\"name\":\"S\",\"nature\":\"atlas\"}],"
                    + "\"territory\":{\"description\":\"bench\"},\"periodicity\":\"P1M\",\"fields\":[\"basic\"],"
                    + "\"formats\":[\"csv\"],\"termsAccepted\":\"" + Api.TERMS_VERSION + "\"}").get("id").asText());
        }
        String[] paths = {"/api/v1/fields", "/api/v1/fluxes", "/api/v1/fluxes/%s", "/api/v1/fluxes/%s", "/api/v1/fluxes/%s/runs"};
        if (warmup > 0) {
            run(http, api, token, fluxes, paths, rate, warmup);
        }

        Result result = run(http, api, token, fluxes, paths, rate, seconds);
        long[] latencies = result.latencies();
        int total = latencies.length;
        long periodNanos = 1_000_000_000L / rate;
        AtomicInteger errors = result.errors();
        AtomicInteger sent = result.sent();
        double elapsed = result.elapsed();
        long[] worstBySecond = new long[seconds];
        for (int i = 0; i < total; i++) {
            int second = (int) ((long) i * periodNanos / 1_000_000_000L);
            worstBySecond[second] = Math.max(worstBySecond[second], latencies[i]);
        }
        StringBuilder worst = new StringBuilder("worst ms by second:");
        for (long w : worstBySecond) {
            worst.append(String.format(Locale.ROOT, " %.0f", w / 1e6));
        }
        System.out.println(worst);
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "requests %d in %.1f s (%.1f/s), errors %d%n", sent.get(), elapsed, sent.get() / elapsed,
                errors.get());
        System.out.printf(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), ms(latencies, 0.999),
                latencies[latencies.length - 1] / 1e6);
        for (String flux : fluxes) {
            http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/fluxes/" + flux)).header("Authorization", "Bearer " + token)
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
        boolean ok = errors.get() == 0 && ms(latencies, 0.99) <= limit;
        System.out.println(ok ? "OK: p99 <= " + limit + " ms, no error" : "FAILED: p99 over " + limit + " ms or errors");
        System.exit(ok ? 0 : 1);
    }

    private record Result(long[] latencies, AtomicInteger errors, AtomicInteger sent, double elapsed) {
    }

    private static Result run(HttpClient http, String api, String token, List<String> fluxes, String[] paths, int rate,
                              int seconds) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        Random random = new Random(42);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            int index = i;
            long scheduled = start + i * periodNanos;
            String path = String.format(Locale.ROOT, paths[random.nextInt(paths.length)], fluxes.get(random.nextInt(fluxes.size())));
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).GET().build();
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(done);
            clock.schedule(() -> {
                sent.incrementAndGet();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    latencies[index] = System.nanoTime() - scheduled;
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    done.complete(null);
                });
            }, scheduled - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        clock.shutdown();
        return new Result(latencies, errors, sent, elapsed);

    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static JsonNode post(HttpClient http, String api, String token, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
