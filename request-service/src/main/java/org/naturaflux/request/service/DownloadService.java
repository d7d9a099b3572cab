package org.naturaflux.request.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.request.DownloadRecord;
import org.naturaflux.request.Flux;
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.Run;
import org.naturaflux.request.RunStatus;
import org.naturaflux.request.config.StorageConfig;
import org.naturaflux.request.repository.DownloadRecordRepository;
import org.naturaflux.request.repository.FluxRepository;
import org.naturaflux.request.repository.RunRepository;
import org.naturaflux.request.security.Caller;
import org.naturaflux.storage.PublicUrlSigner;
import org.naturaflux.storage.StorageException;

/**
 * Short-lived signed URLs to a run's files, each one recorded (who, which run and file, when, until
 * when) in the same transaction that issues it: the platform knows where sensitive-grade data went.
 * The object key is the one the worker reported in the run's artifacts (accepted only within the
 * run's folder, {@code RunEventHandler}). Files are served only while the flux is ACTIVE and only for
 * runs of its current definition ({@code Flux.definitionVersion}).
 *
 * <p>Each file is described ({@link ServedFile}: size, SHA-256, the run's finish, the name to save it
 * under) before any URL is issued: the caller decides from it whether to issue one (not for a HEAD, nor
 * for a client that already has this file, {@code If-None-Match}). No URL, no record: a record says where
 * data went, and a description carries none. The URL asks S3 to serve the file as an attachment under
 * that name ({@code response-content-disposition}).
 */
@ApplicationScoped
public class DownloadService {

    private static final Logger LOG = Logger.getLogger(DownloadService.class);
    /** The most characters of the structure's name a file name carries. */
    private static final int MAX_STRUCTURE = 60;

    private final RunRepository runs;
    private final FluxRepository fluxes;
    private final DownloadRecordRepository audit;
    private final PublicUrlSigner signer;
    private final Duration ttl;
    private final Clock clock;
    private final ServiceMetrics metrics;

    DownloadService(RunRepository runs, FluxRepository fluxes, DownloadRecordRepository audit, PublicUrlSigner signer,
                    StorageConfig config, Clock clock, ServiceMetrics metrics) {
        this.metrics = metrics;
        this.runs = runs;
        this.fluxes = fluxes;
        this.audit = audit;
        this.signer = signer;
        this.ttl = config.urlTtl();
        this.clock = clock;
    }

    /** A file of a run, and a signed URL to it when {@code issue} wants one for it. */
    public Uni<Download> forRun(Caller caller, UUID runId, String format, String clientIp, Predicate<ServedFile> issue) {
        return Panache.withTransaction(() -> runs.findById(runId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("no run " + runId))
                .flatMap(run -> fluxes.findById(run.fluxId()).flatMap(flux -> {
                    if (flux == null || !caller.mayAccess(flux.partnerId())) {
                        throw ApiException.notFound("no run " + runId);
                    }
                    return issue(caller, flux, run, format, clientIp, issue);
                })));
    }

    /**
     * A file of the flux's latest successful run of its current definition whose files are still kept,
     * and a signed URL to it when {@code issue} wants one for it.
     */
    public Uni<Download> latest(Caller caller, UUID fluxId, String format, String clientIp, Predicate<ServedFile> issue) {
        return Panache.withTransaction(() -> fluxes.findById(fluxId)
                .map(flux -> FluxService.visible(caller, flux, fluxId))
                .invoke(DownloadService::requireServing)
                .flatMap(flux -> runs.latestSucceeded(fluxId, flux.definitionVersion()).flatMap(run -> {
                    if (run == null) {
                        throw ApiException.notFound("flux " + fluxId + " has no successful run with files kept"
                                + (flux.definitionVersion() > 1 ? " since its definition last changed" : ""));
                    }
                    return issue(caller, flux, run, format, clientIp, issue);
                })));
    }

    /**
     * Files are served only while their flux is ACTIVE: a suspended flux's files come back when it is
     * resumed (409 meanwhile, whatever the run, even one that ended during the suspension); a rejected or
     * revoked flux's never do (410). A REQUESTED flux has never run (404 for want of a run).
     */
    private static void requireServing(Flux flux) {
        switch (flux.status()) {
            case ACTIVE, REQUESTED -> {
            }
            case REVOKED -> throw ApiException.gone("flux " + flux.id() + " is revoked: its files are no longer served");
            case REJECTED -> throw ApiException.gone("flux " + flux.id() + " was rejected: it has no files to serve");
            case SUSPENDED -> throw ApiException.conflict("flux " + flux.id() + " is suspended: its files are served"
                    + " again once it is resumed");
        }
    }

    private Uni<Download> issue(Caller caller, Flux flux, Run run, String format, String clientIp,
                                Predicate<ServedFile> wanted) {
        requireServing(flux);
        if (run.status() == RunStatus.FILE_ERASED) {
            throw ApiException.gone("the files of run " + run.id() + " were erased on " + run.erasedAt()
                    + " (retention)");
        }
        if (run.status() != RunStatus.SUCCEEDED) {
            throw ApiException.conflict("run " + run.id() + " is " + run.status() + ": files exist only once it SUCCEEDED");
        }
        if (run.definitionVersion() != flux.definitionVersion()) {
            throw ApiException.gone("run " + run.id() + " was made under an earlier definition of flux " + flux.id()
                    + " (version " + run.definitionVersion() + ", now " + flux.definitionVersion()
                    + "): its files are no longer served");
        }
        Artifact artifact = run.artifacts().stream().filter(a -> a.format().equalsIgnoreCase(format)).findFirst()
                .orElseThrow(() -> ApiException.notFound("run " + run.id() + " has no '" + format + "' file (it has "
                        + run.artifacts().stream().map(Artifact::format).collect(Collectors.joining(", ")) + ")"));
        ServedFile file = new ServedFile(artifact.format(), artifact.bytes(), artifact.sha256(), run.finishedAt(),
                fileName(flux, run, artifact));
        if (!wanted.test(file)) {
            return Uni.createFrom().item(new Download(file, null));
        }
        Instant issued = clock.instant();
        PublicUrlSigner.SignedGet signed;
        try {
            signed = signer.signedGet(artifact.key(), ttl, file.fileName());
        } catch (StorageException e) {
            LOG.error(e.getMessage(), e);
            throw ApiException.unavailable("download links cannot be issued right now");
        }
        // The expiry S3 enforces (the URL's own), not issued + TTL: the TTL may be cut to S3's limit.
        Instant expires = signed.expiresAt();
        DownloadRecord record = new DownloadRecord(run.id(), flux.id(), artifact.format(), artifact.key(),
                caller.admin() ? "ADMIN" : "PARTNER", caller.partnerId(), caller.tokenId(),
                caller.isPerson() ? caller.person().subject() : null, caller.isPerson() ? caller.person().username() : null,
                clientIp, issued, expires);
        return audit.persist(record).invoke(() -> metrics.downloadUrl(artifact.format()))
                .replaceWith(new Download(file, new SignedUrl(signed.url(), expires)));
    }

    /**
     * The name a person keeps the file under: {@code <structure>_<flux>_<date>[_<kind>].<ext>}, the
     * structure as the request names it, the flux's id cut to its first 8 characters, the run's finish
     * date (UTC), the kind only for a file that is not the plain export of its format ({@code manifest},
     * {@code delta}, {@code delta-deleted}) and the extension of the stored file. flux-storage's
     * {@code ContentDisposition} makes it ASCII-safe and bounded.
     */
    static String fileName(Flux flux, Run run, Artifact artifact) {
        JsonNode structure;
        try {
            structure = FluxService.readRequest(flux).get("structure");
        } catch (IllegalStateException e) {
            // a stored request that cannot be read must not stop its files from being served
            structure = null;
        }
        String stored = artifact.key().substring(artifact.key().lastIndexOf('/') + 1);
        int dot = stored.lastIndexOf('.');
        String extension = dot > 0 ? stored.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        String kind = artifact.format().toLowerCase(Locale.ROOT);
        if (kind.endsWith("-" + extension)) {
            kind = kind.substring(0, kind.length() - extension.length() - 1);
        }
        String who = structure == null || !structure.isTextual() ? "naturaflux" : structure.asText().strip();
        if (who.codePointCount(0, who.length()) > MAX_STRUCTURE) {
            // cut here, so that the id, date, kind and extension fit in ContentDisposition's bound
            who = who.substring(0, who.offsetByCodePoints(0, MAX_STRUCTURE));
        }
        Instant day = run.finishedAt() != null ? run.finishedAt() : run.createdAt();
        return who + "_" + flux.id().toString().substring(0, 8) + "_" + LocalDate.ofInstant(day, ZoneOffset.UTC)
                + (kind.equals(extension) ? "" : "_" + kind) + (extension.isEmpty() ? "" : "." + extension);
    }

    /**
     * @param url       the presigned URL on the public S3 endpoint
     * @param expiresAt when it stops working
     */
    public record SignedUrl(String url, Instant expiresAt) {
    }

    /**
     * A file as served, what a client compares before downloading it.
     *
     * @param format       the run's format name ({@code csv}, {@code manifest}...)
     * @param bytes        its size
     * @param sha256       its SHA-256, lower-case hex, as the worker reported it (null for a run reported
     *                     without one)
     * @param lastModified when the run that made it finished
     * @param fileName     the name to save it under (made ASCII-safe when signed)
     */
    public record ServedFile(String format, long bytes, String sha256, Instant lastModified, String fileName) {
    }

    /**
     * @param file the file
     * @param url  the signed URL issued to it (and recorded), or null when none was wanted
     */
    public record Download(ServedFile file, SignedUrl url) {
    }
}
