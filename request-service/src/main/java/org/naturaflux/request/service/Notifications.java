package org.naturaflux.request.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.naturaflux.request.Flux;
import org.naturaflux.request.MailKind;
import org.naturaflux.request.Run;
import org.naturaflux.request.config.MailConfig;
import org.naturaflux.request.repository.FluxRepository;
import org.naturaflux.request.repository.MailRepository;
import org.naturaflux.request.repository.PartnerRepository;

/**
 * Writes the e-mails of a flux's events into the mail outbox, in the caller's transaction (the one of
 * the change they tell of): to the flux's contact (its request's {@code contact.email}), the staff
 * ({@code naturaflux.mail.staff}) in copy. A flux whose request says {@code "notifications": false}
 * gets none. Each mail is written once per event id ({@link MailRepository#enqueue}): the Message-ID the
 * relay derives from it makes a resend recognisable.
 */
@ApplicationScoped
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class);

    private final MailRepository mails;
    private final PartnerRepository partners;
    private final FluxRepository fluxes;
    private final List<String> staff;
    private final String apiUrl;
    private final Clock clock;

    Notifications(MailRepository mails, PartnerRepository partners, FluxRepository fluxes, MailConfig config, Clock clock) {
        this.mails = mails;
        this.partners = partners;
        this.fluxes = fluxes;
        this.staff = config.staff().orElse(List.of()).stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        String url = config.portalUrl().strip();
        this.apiUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.clock = clock;
    }

    /** The flux was approved (REQUESTED to ACTIVE). */
    public Uni<Void> approved(Flux flux) {
        return write(flux, MailKind.FLUX_APPROVED, "flux-approved:" + flux.id(), MailTexts::approved);
    }

    /** The flux was rejected, with its reason. */
    public Uni<Void> rejected(Flux flux) {
        return write(flux, MailKind.FLUX_REJECTED, "flux-rejected:" + flux.id(),
                s -> MailTexts.rejected(s, flux.statusReason()));
    }

    /** The flux was suspended (each suspension is an event of its own). */
    public Uni<Void> suspended(Flux flux) {
        return write(flux, MailKind.FLUX_SUSPENDED, "flux-suspended:" + flux.id() + ":" + flux.updatedAt().toEpochMilli(),
                s -> MailTexts.suspended(s, flux.statusReason()));
    }

    /** The run failed for good (its category and reference are set). */
    public Uni<Void> runFailed(Run run) {
        return fluxes.findById(run.fluxId()).flatMap(flux -> flux == null ? Uni.createFrom().voidItem()
                : write(flux, MailKind.RUN_FAILED, "run-failed:" + run.id(), s -> MailTexts.runFailed(s, run)));
    }

    /** The files of these runs of the flux (at least one) will be erased soon. */
    Uni<Void> filesErasedSoon(Flux flux, List<MailTexts.ErasedRun> runs) {
        String first = runs.stream().map(r -> r.runId().toString()).sorted().findFirst().orElseThrow();
        return write(flux, MailKind.FILES_ERASED_SOON, "files-erased-soon:" + flux.id() + ":" + first,
                s -> MailTexts.filesErasedSoon(s, runs));
    }

    /** Whether the flux's request lets it receive mails ({@code notifications}, true unless false). */
    public static boolean wantsMail(Flux flux) {
        JsonNode flag = FluxService.readRequest(flux).get("notifications");
        return flag == null || !flag.isBoolean() || flag.booleanValue();
    }

    private Uni<Void> write(Flux flux, MailKind kind, String eventId, Function<MailTexts.Subject, MailTexts.MailText> text) {
        if (!wantsMail(flux)) {
            LOG.debugf("flux %s: no %s mail (notifications off)", flux.id(), kind);
            return Uni.createFrom().voidItem();
        }
        ObjectNode request = FluxService.readRequest(flux);
        String structure = request.path("structure").asText("");
        String contactName = request.path("contact").path("name").asText("");
        String contactEmail = request.path("contact").path("email").asText("");
        List<String> to = contactEmail.isBlank() ? List.of() : List.of(contactEmail);
        if (to.isEmpty() && staff.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return partners.findById(flux.partnerId()).flatMap(partner -> {
            MailTexts.MailText mail = text.apply(new MailTexts.Subject(flux.id(), structure,
                    partner == null ? "?" : partner.name(), contactName, apiUrl));
            return mails.enqueue(eventId, kind, flux.id(), to.isEmpty() ? staff : to, to.isEmpty() ? List.of() : staff,
                    mail.subject(), mail.body(), clock.instant());
        }).replaceWithVoid();
    }
}
