package org.naturaflux.request.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.naturaflux.request.Run;

/**
 * The French text (subject and plain-text body) of each e-mail. A partner reads only what the API shows
 * it: a failed run's category and reference, never the error's text.
 */
final class MailTexts {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(PARIS);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm").withZone(PARIS);

    private MailTexts() {
    }

    /** A subject and a plain-text body. */
    record MailText(String subject, String body) {
    }

    /**
     * Who and what a mail is about.
     *
     * @param fluxId      the flux
     * @param structure   the requesting structure (the flux's request)
     * @param partner     the partner's name
     * @param contactName the flux's contact
     * @param apiUrl      where the API is reached (no trailing slash)
     */
    record Subject(UUID fluxId, String structure, String partner, String contactName, String apiUrl) {

        String fluxLink() {
            return apiUrl + "/api/v1/fluxes/" + fluxId;
        }

        String runLink(UUID runId) {
            return apiUrl + "/api/v1/runs/" + runId;
        }
    }

    static MailText approved(Subject s) {
        return new MailText("[NaturaFlux] Flux approuvé : " + s.structure(), greeting(s)
                + "Le flux " + s.fluxId() + " demandé par " + s.structure() + " (partenaire " + s.partner()
                + ") a été approuvé.\n"
                + "Son premier export sera produit sous peu ; ses fichiers seront ensuite disponibles au"
                + " téléchargement.\n\n"
                + "Consulter le flux : " + s.fluxLink() + "\n"
                + signature());
    }

    static MailText rejected(Subject s, String reason) {
        return new MailText("[NaturaFlux] Flux refusé : " + s.structure(), greeting(s)
                + "Le flux " + s.fluxId() + " demandé par " + s.structure() + " (partenaire " + s.partner()
                + ") a été refusé.\n"
                + "Motif : " + orUnstated(reason) + "\n\n"
                + "Consulter le flux : " + s.fluxLink() + "\n"
                + signature());
    }

    static MailText suspended(Subject s, String reason) {
        return new MailText("[NaturaFlux] Flux suspendu : " + s.structure(), greeting(s)
                + "Le flux " + s.fluxId() + " de " + s.structure() + " (partenaire " + s.partner()
                + ") a été suspendu : aucun export n'est produit jusqu'à sa reprise.\n"
                + "Motif : " + orUnstated(reason) + "\n\n"
                + "Consulter le flux : " + s.fluxLink() + "\n"
                + signature());
    }

    static MailText runFailed(Subject s, Run run) {
        return new MailText("[NaturaFlux] Échec d'un export : " + s.structure(), greeting(s)
                + "Un export du flux " + s.fluxId() + " de " + s.structure() + " (partenaire " + s.partner()
                + ") a échoué.\n"
                + "Export : " + run.id() + "\n"
                + "Catégorie : " + run.errorCategory() + " (" + run.errorCategory().label() + ")\n"
                + "Référence à citer : " + run.errorReference() + "\n\n"
                + "Consulter l'export : " + s.runLink(run.id()) + "\n"
                + signature());
    }

    /** @param runs the runs whose files will be erased, each with when */
    static MailText filesErasedSoon(Subject s, List<ErasedRun> runs) {
        StringBuilder list = new StringBuilder();
        for (ErasedRun run : runs) {
            list.append("- export ").append(run.runId()).append(" du ").append(DAY.format(run.finishedAt()))
                    .append(" : fichiers supprimés après le ").append(MOMENT.format(run.eraseAfter())).append("\n  ")
                    .append(s.runLink(run.runId())).append('\n');
        }
        return new MailText("[NaturaFlux] Fichiers bientôt supprimés : " + s.structure(), greeting(s)
                + "Les fichiers des exports suivants du flux " + s.fluxId() + " de " + s.structure() + " (partenaire "
                + s.partner() + ") seront supprimés d'ici une semaine. Téléchargez-les avant s'ils vous sont utiles.\n\n"
                + list + "\n"
                + "Consulter le flux : " + s.fluxLink() + "\n"
                + signature());
    }

    /** A run whose files are soon erased. */
    record ErasedRun(UUID runId, Instant finishedAt, Instant eraseAfter) {
    }

    private static String greeting(Subject s) {
        return "Bonjour " + s.contactName() + ",\n\n";
    }

    private static String orUnstated(String reason) {
        return reason == null || reason.isBlank() ? "non précisé" : reason;
    }

    private static String signature() {
        return "\n-- \nNaturaFlux, message automatique. Pour ne plus recevoir ces messages pour ce flux, demandez-le à"
                + " l'équipe de la plateforme (option « notifications » du flux).\n";
    }
}
