package org.naturaflux.request.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.model.spec.Violation;
import org.naturaflux.request.Flux;
import org.naturaflux.request.FluxEvent;
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.TermsAcceptance;
import org.naturaflux.request.config.ChangeConfig;
import org.naturaflux.request.config.FluxConfig;
import org.naturaflux.request.repository.FluxRepository;
import org.naturaflux.request.repository.PartnerRepository;
import org.naturaflux.request.repository.Slice;
import org.naturaflux.request.security.Caller;

/**
 * The life cycle of fluxes: submission (validated against the catalogue, the limits and the source,
 * within the partner's {@link SubmissionLimits}),
 * listing and reading with the caller's isolation, admin changes, and status transitions:
 *
 * <pre>
 * REQUESTED --approve--> ACTIVE --suspend--> SUSPENDED --resume--> ACTIVE
 * REQUESTED --reject---> REJECTED
 * any (but REVOKED) --delete (owner or admin)--> REVOKED
 * </pre>
 *
 * A flux whose territory is only a description stays REQUESTED until an admin attaches a geometry or
 * areas ({@code PATCH}); approval needs an exportable territory. Approval (and resumption) makes the
 * flux due at once: its first scheduled run comes at the scheduler's next pass.
 */
@ApplicationScoped
public class FluxService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectMapper requestJson;
    private final Validator constraints;
    private final FluxRequestRules rules;
    private final SourceChecks source;
    private final FluxRepository fluxes;
    private final PartnerRepository partners;
    private final FieldCatalogue catalogue;
    private final Clock clock;
    private final SubmissionLimits limits;
    private final Notifications notifications;
    private final FluxEstimates estimates;
    private final FluxPreviews previews;
    private final Terms terms;
    private final FluxHistory history;

    /**
     * @param requestJson the mapper request bodies are bound with ({@code RequestJsonProducer}'s): an admin's
     *                    change is bound as a submission is
     */
    FluxService(FieldCatalogue catalogue, FluxConfig config, ChangeConfig changes, SourceChecks source,
                FluxRepository fluxes, PartnerRepository partners, Clock clock, SubmissionLimits limits,
                ObjectMapper requestJson, Validator constraints, Notifications notifications,
                FluxEstimates estimates, FluxPreviews previews, Terms terms, FluxHistory history) {
        this.previews = previews;
        this.history = history;
        this.terms = terms;
        this.notifications = notifications;
        this.estimates = estimates;
        this.requestJson = requestJson;
        this.constraints = constraints;
        this.rules = new FluxRequestRules(catalogue, new TerritoryGeometry(config.maxVertices(), config.maxTerritoryBytes()),
                config.minPeriodicity(), Periodicity.parse(config.maxPeriodicity()), config.maxAreas(), config.maxTaxa(),
                changes.minInterval(), changes.maxMinInterval());
        this.catalogue = catalogue;
        this.source = source;
        this.fluxes = fluxes;
        this.partners = partners;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Submits a flux. A partner submits for itself; an admin names the partner ({@code partnerId}).
     *
     * @throws InvalidSpecException (as a failure) with every problem found
     */
    public Uni<Flux> create(Caller caller, FluxRequestBody body) {
        if (body == null) {
            return Uni.createFrom().failure(new InvalidSpecException("", "the body must be a JSON object"));
        }
        UUID owner;
        FluxRequest validated;
        try {
            owner = owner(caller, body.partnerId());
            if (!caller.admin()) {
                limits.admitSubmission(owner);
            }
            validated = validateWithTerms(body);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        TermsAcceptance acceptance = TermsAcceptance.by(caller, body.termsAccepted(), clock.instant());
        Uni<Long> checked = caller.admin() ? checkWithSource(validated)
                : limits.sourceCheck(owner, () -> checkWithSource(validated));
        // The partner's row is locked so that replicas count its pending requests one at a time.
        return checked.flatMap(estimate -> Panache.withTransaction(() -> partners.findById(owner, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.badRequest("/partnerId", "no partner " + owner))
                .call(partner -> caller.admin() ? Uni.createFrom().voidItem() : limits.checkPending(fluxes, owner))
                .flatMap(partner -> {
                    Flux flux = new Flux(UUID.randomUUID(), owner, write(validated.document()), SpecJson.write(validated.spec()),
                            validated.periodicity().toString(), estimate, acceptance.at());
                    flux.acceptTerms(acceptance);
                    return fluxes.persist(flux).call(f -> history.record(f, FluxEvent.Kind.SUBMITTED, null, caller));
                })));
    }

    /** A submission's checks: those of {@link #validate} and the terms accepted, every problem reported at once. */
    private FluxRequest validateWithTerms(FluxRequestBody body) {
        List<Violation> violations = new ArrayList<>();
        terms.problem(body.termsAccepted()).ifPresent(violations::add);
        try {
            FluxRequest validated = validate(body);
            if (!violations.isEmpty()) {
                throw new InvalidSpecException(violations);
            }
            return validated;
        } catch (InvalidSpecException e) {
            if (violations.isEmpty()) {
                throw e;
            }
            violations.addAll(e.violations());
            throw new InvalidSpecException(violations);
        }
    }

    /**
     * The exact count by level of what a request would export now, before it is submitted: the body is checked
     * as a submission is (same 400s; a partner may only name itself as {@code partnerId}, the admin needs none),
     * its territory must be a geometry or areas, then the source is asked. A partner's estimates share its
     * source checks ({@code source-checks-per-partner} at once); they do not count as submissions.
     *
     * @throws InvalidSpecException (as a failure) with every problem found
     */
    public Uni<FluxEstimates.FluxEstimate> estimate(Caller caller, FluxRequestBody body) {
        return beforeSubmission(caller, body, "estimated",
                validated -> estimates.estimate(validated.territory(), validated.taxa(), validated.filters()));
    }

    /**
     * The exact count by level of what a stored flux would export now (its owner or the admin; another partner's
     * flux is 404). 409 while its territory is only a description.
     */
    public Uni<FluxEstimates.FluxEstimate> estimate(Caller caller, UUID id) {
        return ofStoredFlux(caller, id, "estimate", spec -> estimates.estimate(spec.territory(), spec.taxa(), spec.filters()));
    }

    /**
     * A preview map of what a request would export now, before it is submitted: checked as {@link #estimate} checks
     * it (same 400s, same source checks shared with the partner's estimates and submissions), then a bounded sample
     * of its records as its files would hold them ({@link FluxPreviews}).
     *
     * @throws InvalidSpecException (as a failure) with every problem found
     */
    public Uni<FluxPreviews.FluxPreview> preview(Caller caller, FluxRequestBody body) {
        return beforeSubmission(caller, body, "previewed", validated -> previews.preview(validated.spec()));
    }

    /** The preview map of a stored flux (its owner or the admin; another partner's flux is 404; 409 if described). */
    public Uni<FluxPreviews.FluxPreview> preview(Caller caller, UUID id) {
        return ofStoredFlux(caller, id, "preview", previews::preview);
    }

    /**
     * What the source says of a request before it is submitted: the body is checked as a submission is (same
     * 400s; a partner may only name itself as {@code partnerId}, the admin needs none), its territory must be a
     * geometry or areas, then the source is asked, first by the submission's checks. A partner's reads share its
     * source checks ({@code source-checks-per-partner} at once); they do not count as submissions.
     *
     * @param done what is done, for the message of a described territory ("estimated")
     */
    private <T> Uni<T> beforeSubmission(Caller caller, FluxRequestBody body, String done, Function<FluxRequest, Uni<T>> read) {
        if (body == null) {
            return Uni.createFrom().failure(new InvalidSpecException("", "the body must be a JSON object"));
        }
        UUID owner;
        FluxRequest validated;
        try {
            owner = caller.admin() ? null : owner(caller, body.partnerId());
            validated = validate(body);
            if (!validated.territory().isExportable()) {
                throw new InvalidSpecException("/territory", "a territory given only as a description cannot be " + done
                        + ": give a geometry or areas");
            }
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        Supplier<Uni<T>> work = () -> checkWithSource(validated).flatMap(ignored -> read.apply(validated));
        return caller.admin() ? work.get() : limits.sourceCheck(owner, work);
    }

    /**
     * What the source says of a stored flux (its owner or the admin; another partner's flux is 404), 409 while its
     * territory is only a description.
     *
     * @param verb what is done, for the message of a described territory ("estimate")
     */
    private <T> Uni<T> ofStoredFlux(Caller caller, UUID id, String verb, Function<FluxSpec, Uni<T>> read) {
        return get(caller, id).flatMap(flux -> {
            FluxSpec spec = SpecJson.read(flux.specJson());
            if (!spec.territory().isExportable()) {
                throw ApiException.conflict("/territory", "the territory of flux " + id + " is only described: nothing to"
                        + " " + verb + " until an admin attaches a geometry or areas");
            }
            Supplier<Uni<T>> work = () -> read.apply(spec);
            return caller.admin() ? work.get() : limits.sourceCheck(caller.partnerId(), work);
        });
    }

    /** Fluxes the caller may see, newest or oldest first (admin: all, or one partner's). */
    public Uni<Slice<Flux>> list(Caller caller, UUID partnerFilter, FluxStatus status, boolean oldestFirst, int pageIndex,
                                 int pageSize) {
        UUID partner = caller.admin() ? partnerFilter : caller.partnerId();
        return Panache.withSession(() -> fluxes.search(partner, status, oldestFirst, pageIndex, pageSize));
    }

    /** A flux the caller may see. */
    public Uni<Flux> get(Caller caller, UUID id) {
        return Panache.withSession(() -> fluxes.findById(id).map(flux -> visible(caller, flux, id)));
    }

    /**
     * Changes a flux's request (admin): a JSON merge of the top-level members given (null removes an
     * optional member), validated again as a whole. An ACTIVE or SUSPENDED flux keeps an exportable
     * territory. A shorter periodicity moves the next run closer (one new period from now). A change of
     * what is exported (the specification: territory, taxa, fields, formats, options) is a new definition
     * ({@link Flux#redefined}): earlier runs' files are no longer offered, whether it narrows or widens.
     */
    public Uni<Flux> patch(UUID id, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return Uni.createFrom().failure(new InvalidSpecException("", "the body must be a JSON object"));
        }
        if (patch.has("partnerId")) {
            return Uni.createFrom().failure(ApiException.badRequest("/partnerId", "a flux cannot change owner"));
        }
        if (patch.has("termsAccepted")) {
            return Uni.createFrom().failure(ApiException.badRequest("/termsAccepted",
                    "the terms are accepted with the request, by its partner; a change does not replace them"));
        }
        return get(Caller.ADMIN, id).flatMap(current -> {
            ObjectNode merged = readRequest(current);
            Iterator<Map.Entry<String, JsonNode>> members = patch.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                if (member.getValue().isNull()) {
                    merged.remove(member.getKey());
                } else {
                    merged.set(member.getKey(), member.getValue());
                }
            }
            FluxRequest validated = validate(bind(merged));
            return checkWithSource(validated).flatMap(estimate -> Panache.withTransaction(() -> fluxes.findForUpdate(id)
                    .map(flux -> {
                        if (flux.status() == FluxStatus.REVOKED) {
                            throw ApiException.conflict("flux " + id + " is REVOKED and cannot change");
                        }
                        if ((flux.status() == FluxStatus.ACTIVE || flux.status() == FluxStatus.SUSPENDED)
                                && !validated.territory().isExportable()) {
                            throw ApiException.conflict("/territory", "an approved flux needs a geometry or areas,"
                                    + " not only a description");
                        }
                        Instant now = clock.instant();
                        boolean newPeriodicity = !flux.periodicity().equals(validated.periodicity().toString());
                        boolean newDefinition = !SpecJson.read(flux.specJson()).equals(validated.spec());
                        flux.revise(write(validated.document()), SpecJson.write(validated.spec()),
                                validated.periodicity().toString(), estimate, now);
                        if (newDefinition) {
                            flux.redefined(now);
                        }
                        if (newPeriodicity && flux.status() == FluxStatus.ACTIVE && flux.nextRunAt() != null) {
                            // a shorter periodicity takes effect at once; a longer one after the run already planned
                            Instant sooner = validated.periodicity().after(now);
                            if (sooner.isBefore(flux.nextRunAt())) {
                                flux.scheduleNext(sooner);
                            }
                        }
                        return flux;
                    }).call(flux -> history.record(flux, FluxEvent.Kind.CHANGED, null, Caller.ADMIN))));
        });
    }

    /** REQUESTED to ACTIVE; the territory must be exportable. Due at once. */
    public Uni<Flux> approve(UUID id) {
        return transition(id, "approve", FluxEvent.Kind.APPROVED, EnumSet.of(FluxStatus.REQUESTED), flux -> {
            if (!SpecJson.read(flux.specJson()).territory().isExportable()) {
                throw ApiException.conflict("/territory", "the territory is only described: attach a geometry or areas"
                        + " (PATCH /api/v1/fluxes/" + id + ") before approving");
            }
            Instant now = clock.instant();
            flux.moveTo(FluxStatus.ACTIVE, null, now, now);
        }, notifications::approved);
    }

    /** REQUESTED to REJECTED, with an optional reason. */
    public Uni<Flux> reject(UUID id, String reason) {
        return transition(id, "reject", FluxEvent.Kind.REJECTED, EnumSet.of(FluxStatus.REQUESTED),
                flux -> flux.moveTo(FluxStatus.REJECTED, reason, null, clock.instant()), notifications::rejected);
    }

    /** ACTIVE to SUSPENDED, with an optional reason. */
    public Uni<Flux> suspend(UUID id, String reason) {
        return transition(id, "suspend", FluxEvent.Kind.SUSPENDED, EnumSet.of(FluxStatus.ACTIVE),
                flux -> flux.moveTo(FluxStatus.SUSPENDED, reason, null, clock.instant()), notifications::suspended);
    }

    /** SUSPENDED to ACTIVE; due at once (one catch-up run, not one per missed period). */
    public Uni<Flux> resume(UUID id) {
        return transition(id, "resume", FluxEvent.Kind.RESUMED, EnumSet.of(FluxStatus.SUSPENDED), flux -> {
            Instant now = clock.instant();
            flux.moveTo(FluxStatus.ACTIVE, null, now, now);
        }, flux -> Uni.createFrom().voidItem());
    }

    /** Revokes a flux (its owner or an admin); revoking a revoked flux changes nothing. */
    public Uni<Flux> revoke(Caller caller, UUID id) {
        return Panache.withTransaction(() -> fluxes.findForUpdate(id).flatMap(flux -> {
            visible(caller, flux, id);
            if (flux.status() == FluxStatus.REVOKED) {
                return Uni.createFrom().item(flux);
            }
            flux.moveTo(FluxStatus.REVOKED, caller.admin() ? "revoked by the admin" : "revoked by its owner", null,
                    clock.instant());
            return history.record(flux, FluxEvent.Kind.REVOKED, flux.statusReason(), caller).replaceWith(flux);
        }));
    }

    /** The stored request document of a flux. */
    public static ObjectNode readRequest(Flux flux) {
        try {
            return (ObjectNode) JSON.readTree(flux.requestJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored request of flux " + flux.id() + " is not valid JSON", e);
        }
    }

    /** Checks a request body: its constraints, then {@link FluxRequestRules}, every problem reported at once. */
    private FluxRequest validate(FluxRequestBody body) {
        return rules.check(body, constraints);
    }

    /** A request document (an admin's change merged into the stored one) bound as a submitted body is. */
    private FluxRequestBody bind(ObjectNode document) {
        try {
            return requestJson.treeToValue(document, FluxRequestBody.class);
        } catch (JsonMappingException e) {
            throw new InvalidSpecException(List.of(RequestViolations.of(e)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request document in memory could not be read", e);
        }
    }

    private static String write(FluxRequestBody document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request document could not be written", e);
        }
    }

    /** The flux if the caller may see it; else (or when absent) 404, never 403: others' fluxes do not exist. */
    static Flux visible(Caller caller, Flux flux, UUID id) {
        if (flux == null || !caller.mayAccess(flux.partnerId())) {
            throw ApiException.notFound("no flux " + id);
        }
        return flux;
    }

    private Uni<Long> checkWithSource(FluxRequest request) {
        if (request.territory().isExportable()) {
            try {
                request.spec().validateForExport(catalogue);
            } catch (InvalidSpecException e) {
                return Uni.createFrom().failure(e);
            }
        }
        return source.check(request.territory(), request.taxa(), request.filters()).map(report -> {
            if (!report.violations().isEmpty()) {
                throw new InvalidSpecException(report.violations());
            }
            return report.estimate();
        });
    }

    private static UUID owner(Caller caller, UUID partnerId) {
        if (partnerId == null) {
            if (caller.admin()) {
                throw ApiException.badRequest("/partnerId", "is required when the admin submits a flux for a partner");
            }
            return caller.partnerId();
        }
        if (!caller.admin() && !partnerId.equals(caller.partnerId())) {
            throw ApiException.badRequest("/partnerId", "only the platform's admin may submit a flux for another partner");
        }
        return partnerId;
    }

    /** A status change and, in its transaction, its step of the flux's history and what it makes known (its e-mail). */
    private Uni<Flux> transition(UUID id, String action, FluxEvent.Kind kind, Set<FluxStatus> from, Consumer<Flux> change,
                                 Function<Flux, Uni<Void>> announce) {
        return Panache.withTransaction(() -> fluxes.findForUpdate(id).map(flux -> {
            visible(Caller.ADMIN, flux, id);
            if (!from.contains(flux.status())) {
                throw ApiException.conflict("cannot " + action + " flux " + id + ": it is " + flux.status()
                        + " (allowed from " + from + ")");
            }
            change.accept(flux);
            return flux;
        }).call(flux -> history.record(flux, kind, flux.statusReason(), Caller.ADMIN)).call(flux -> announce.apply(flux)));
    }
}
