package org.naturaflux.request.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.naturaflux.request.service.RequestViolations.WrongType;

/**
 * A flux request as the API reads it ({@code POST /api/v1/fluxes}, an admin's {@code PATCH} merged into
 * the stored one) and stores and shows it once checked. Bound by Jackson, which refuses unknown members
 * and wrong types; sizes and formats are checked by the annotations (Bean Validation), the rest by
 * {@link FluxRequestRules}. {@link RequestViolations} turns both kinds of failure into JSON pointers.
 * Texts a person typed (names, codes, a description) are kept without surrounding whitespace.
 *
 * <p>Members left out are null; the stored document leaves them out too.
 *
 * @param partnerId   the partner a flux is submitted for (the admin's submissions only; never stored)
 * @param structure   the requesting structure
 * @param contact     the technical contact
 * @param studies     the studies that need the flux
 * @param territory   the territory, in exactly one form
 * @param taxa        the taxa (null: every taxon)
 * @param periodicity an ISO-8601 period or duration
 * @param fields      the field selection ({@code ["basic", "+nom_lieu"]}...)
 * @param formats     the format codes
 * @param options     the export options (null: the defaults)
 * @param filters     which records of the territory and taxa (null: present records only, every validation
 *                    status, date and dataset)
 * @param notifications whether the flux's contact and the staff get its e-mails (null: true; false: none)
 * @param termsAccepted the version of the redistribution terms accepted ({@code GET /api/v1/terms}); required
 *                    on submission, recorded on the flux, never stored in the request document
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FluxRequestBody(
        @WrongType("must be a partner id (UUID)") UUID partnerId,
        @NotNull(message = REQUIRED) @Size(min = 1, message = BLANK) String structure,
        @NotNull(message = REQUIRED) @Valid ContactBody contact,
        @NotNull(message = REQUIRED) @Size(min = 1, message = "name at least one study")
        @Size(max = FluxRequestBody.MAX_STUDIES, message = "at most {max} studies")
        @WrongType("must be an array of {name, nature}") List<@Valid StudyBody> studies,
        @NotNull(message = REQUIRED) @Valid TerritoryBody territory,
        @Valid TaxaBody taxa,
        @NotNull(message = REQUIRED) @WrongType("must be an ISO-8601 period or duration string (e.g. P1M)") String periodicity,
        @NotNull(message = REQUIRED) @WrongType("must be an array of strings") List<String> fields,
        @NotNull(message = REQUIRED) @Size(min = 1, message = "at least one format is required (csv, json, geojson, gpkg)")
        @WrongType("must be an array of strings") List<String> formats,
        OptionsBody options,
        @Valid @Schema(description = FiltersBody.DESCRIPTION) FiltersBody filters,
        @WrongType("must be true or false") Boolean notifications,
        @WrongType("must be the version of the redistribution terms accepted (a string, GET /api/v1/terms)")
        String termsAccepted) {

    /** The most studies a request names. */
    public static final int MAX_STUDIES = 50;
    static final String REQUIRED = "is required";
    static final String BLANK = "must not be blank";
    /** An e-mail address, or nothing (a blank one is reported as blank). */
    static final String EMAIL = "^([^@\\s]+@[^@\\s]+\\.[^@\\s]+)?$";
    /** A phone number, or nothing (a blank one is reported as blank). */
    static final String PHONE = "^([+0-9 ().-]{6,30})?$";

    public FluxRequestBody {
        structure = strip(structure);
        termsAccepted = strip(termsAccepted);
    }

    /**
     * The technical contact.
     *
     * @param name  full name
     * @param email e-mail address
     * @param phone phone number, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactBody(
            @NotNull(message = REQUIRED) @Size(min = 1, message = BLANK) String name,
            @NotNull(message = REQUIRED) @Size(min = 1, message = BLANK)
            @Pattern(regexp = EMAIL, message = "'${validatedValue}' is not an e-mail address") String email,
            @Size(min = 1, message = BLANK)
            @Pattern(regexp = PHONE, message = "'${validatedValue}' is not a phone number") String phone) {

        public ContactBody {
            name = strip(name);
            email = strip(email);
            phone = strip(phone);
        }
    }

    /**
     * A study that needs the flux.
     *
     * @param name   its name
     * @param nature what kind of study (atlas, impact assessment, management plan...)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record StudyBody(
            @NotNull(message = REQUIRED) @Size(min = 1, message = BLANK) String name,
            @NotNull(message = REQUIRED) @Size(min = 1, message = BLANK) String nature) {

        public StudyBody {
            name = strip(name);
            nature = strip(nature);
        }
    }

    /**
     * A territory: exactly one of its members is given (checked by {@link FluxRequestRules}). Stored as
     * {@code wkt} (a GeoJSON geometry is turned into WKT), {@code areas} or {@code description}.
     *
     * @param geometry    a GeoJSON Polygon or MultiPolygon in WGS84
     * @param wkt         a POLYGON or MULTIPOLYGON in WGS84
     * @param areas       areas of the source
     * @param description a description only: the admin attaches a geometry or areas before approving
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TerritoryBody(
            @Schema(implementation = Map.class, description = "A GeoJSON Polygon or MultiPolygon in WGS84")
            JsonNode geometry,
            @WrongType("must be a string of WKT") String wkt,
            @Size(min = 1, message = "name at least one area") @WrongType("must be an array of {type, code}")
            List<@Valid AreaBody> areas,
            @Size(min = 1, message = BLANK) String description) {

        public TerritoryBody {
            geometry = geometry == null || geometry.isNull() ? null : geometry;
            description = strip(description);
        }
    }

    /**
     * An area of the source.
     *
     * @param type its type (COM, DEP, M10...)
     * @param code its code within the type
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record AreaBody(
            @NotNull(message = REQUIRED) @Size(min = 1, message = BLANK) String type,
            @NotNull(message = REQUIRED) @Size(min = 1, message = BLANK) String code) {

        public AreaBody {
            type = strip(type);
            code = strip(code);
        }
    }

    /**
     * The taxa: INPN groups and TAXREF codes; none of either is every taxon.
     *
     * @param groups INPN groups (group 2)
     * @param cdRefs TAXREF {@code cd_ref} codes
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record TaxaBody(
            @WrongType("must be an array of strings") List<String> groups,
            @WrongType(value = "must be an array of TAXREF codes (integers)", item = CD_REF)
            List<@Positive(message = CD_REF) Integer> cdRefs) {

        static final String CD_REF = "must be a positive integer (a TAXREF cd_ref)";
    }

    /**
     * The export options, each optional (see flux-model's {@code ExportOptions}); stored as given.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OptionsBody(
            @WrongType("must be a one-character string: \",\" or \";\"") String csvDelimiter,
            Boolean csvBom,
            String jsonLayout,
            @WrongType("must be an integer between 1 and 15") Integer coordinatePrecision,
            String compression,
            String geometryAs,
            String dateCoarsening,
            Boolean delta,
            Boolean changeDriven,
            @WrongType("must be an ISO-8601 duration (e.g. PT6H, P1D)") String minInterval,
            @Schema(description = CSV_PRESET) String csvPreset,
            @Schema(description = CSV_DATE_FORMAT) String csvDateFormat,
            @WrongType("must be true or false") @Schema(description = STATUSES, example = "true") Boolean statuses) {

        /** The presets as partners read them (French: the API's partner-facing text). */
        static final String CSV_PRESET = "Préréglage des fichiers CSV : « standard » (par défaut) pour les "
                + "programmes (séparateur « , » sauf choix contraire, point décimal, dates ISO, textes tels quels) ; "
                + "« excel-fr » pour un tableur en français (Excel, LibreOffice) : séparateur « ; », BOM UTF-8, "
                + "virgule décimale dans les colonnes décimales (jamais dans le WKT de la géométrie), dates au "
                + "choix (csvDateFormat), et les textes commençant par =, +, -, @, une tabulation ou un retour "
                + "chariot précédés d'une apostrophe pour qu'aucune formule ne s'exécute (les nombres négatifs "
                + "restent des nombres). Aucun nombre n'est écrit en notation scientifique.";
        static final String CSV_DATE_FORMAT = "Dates des fichiers CSV : « iso » (par défaut, 2024-05-01 et "
                + "2024-05-01T10:15:30) ou « jj/mm/aaaa » (01/05/2024 et 01/05/2024 10:15:30), ce dernier avec "
                + "le préréglage « excel-fr » seulement.";
        static final String STATUSES = "Joindre à chaque export les statuts des taxons (false par défaut) : un fichier "
                + "statuts.csv (et une table « statuts » dans le GeoPackage) d'une ligne par taxon exporté et statut "
                + "applicable au territoire du flux (protections, listes rouges, directives européennes, espèces "
                + "déterminantes de ZNIEFF), tirés de la base de connaissance des statuts de TAXREF (BDC statuts) : "
                + "les textes en vigueur dans au moins un des départements que le territoire recouvre. Un taxon dont "
                + "toutes les observations sont retenues (sensibles) n'y figure pas.";
    }

    /**
     * The record filters, each optional (see flux-model's {@code RecordFilters}); stored as given.
     *
     * @param observationStatus {@code STATUT_OBS} codes (null: {@code ["Pr"]}, present records only)
     * @param validationStatus  {@code STATUT_VALID} codes (null or empty: every validation status)
     * @param dateFrom          first day (aaaa-mm-jj) of the observations ({@code date_min})
     * @param dateTo            last day (aaaa-mm-jj) of the observations ({@code date_max})
     * @param lastPeriod        a rolling window instead of dates, an ISO-8601 period ({@code P10Y})
     * @param datasets          datasets included or excluded, by {@code unique_dataset_id}
     * @param producers         producers (organisms) included or excluded, by {@code uuid_organisme}
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FiltersBody(
            @Size(min = 1, message = "name at least one observation status (Pr: présent, No: non observé)")
            @WrongType("must be an array of STATUT_OBS codes (strings: Pr, No...)")
            @Schema(description = OBSERVATION_STATUS) List<String> observationStatus,
            @WrongType("must be an array of STATUT_VALID codes (strings: 1, 2...)")
            @Schema(description = VALIDATION_STATUS) List<String> validationStatus,
            @WrongType("must be a date (aaaa-mm-jj)") @Schema(description = DATE_FROM, format = "date") String dateFrom,
            @WrongType("must be a date (aaaa-mm-jj)") @Schema(description = DATE_TO, format = "date") String dateTo,
            @WrongType("must be an ISO-8601 period (e.g. P10Y)") @Schema(description = LAST_PERIOD) String lastPeriod,
            @Valid DatasetsBody datasets,
            @Valid @Schema(description = PRODUCERS) ProducersBody producers) {

        static final String DESCRIPTION = "Filtres sur les observations du territoire et des taxons : statut "
                + "d'observation, statut de validation, dates, jeux de données, producteurs. Une observation écartée par un "
                + "filtre n'est pas sélectionnée (ni exportée, ni comptée comme retenue). Absent : les présences "
                + "seulement, quels que soient la validation, les dates, le jeu de données et ses producteurs.";
        static final String PRODUCERS = "Producteurs (organismes, uuid_organisme de utilisateurs.bib_organismes) retenus ou "
                + "écartés. Les producteurs d'une observation sont les organismes que son jeu de données nomme « Producteur "
                + "du jeu de données » (ROLE_ACTEUR 6, gn_meta.cor_dataset_actor) ; les acteurs du cadre d'acquisition ne "
                + "sont pas lus. Une observation dont le jeu de données n'a pas d'organisme producteur n'est retenue par "
                + "aucune liste include et écartée par aucune liste exclude.";
        static final String OBSERVATION_STATUS = "Codes du statut d'observation (nomenclature STATUT_OBS de GeoNature) "
                + "retenus : « Pr » (présent) par défaut ; « No » (non observé, les absences) seulement si demandé.";
        static final String VALIDATION_STATUS = "Codes du statut de validation (nomenclature STATUT_VALID) retenus, "
                + "par exemple « 1 » (certain - très probable) et « 2 » (probable) ; absent ou vide : tous.";
        static final String DATE_FROM = "Premier jour d'observation (date_min) retenu, aaaa-mm-jj.";
        static final String DATE_TO = "Dernier jour d'observation (date_max) retenu, aaaa-mm-jj ; au plus 300 ans après "
                + "dateFrom.";
        static final String LAST_PERIOD = "Fenêtre glissante au lieu des dates : les observations commencées dans cette "
                + "période avant le jour de l'export (durée ISO-8601, par exemple P10Y pour les dix dernières années ; "
                + "au plus P300Y).";

        public FiltersBody {
            observationStatus = observationStatus == null ? null : observationStatus.stream().map(FluxRequestBody::strip).toList();
            validationStatus = validationStatus == null ? null : validationStatus.stream().map(FluxRequestBody::strip).toList();
            dateFrom = strip(dateFrom);
            dateTo = strip(dateTo);
            lastPeriod = strip(lastPeriod);
        }
    }

    /**
     * Datasets by their {@code gn_meta.t_datasets.unique_dataset_id}.
     *
     * @param include the only datasets taken (absent or empty: every one)
     * @param exclude datasets left out
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatasetsBody(
            @WrongType(value = "must be an array of dataset UUIDs (unique_dataset_id)", item = DATASET) List<UUID> include,
            @WrongType(value = "must be an array of dataset UUIDs (unique_dataset_id)", item = DATASET) List<UUID> exclude) {

        static final String DATASET = "must be a dataset's UUID (unique_dataset_id)";
    }

    /**
     * Producers (organisms) by their {@code utilisateurs.bib_organismes.uuid_organisme}.
     *
     * @param include the only producers whose records are taken (absent or empty: every one)
     * @param exclude producers whose records are left out
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProducersBody(
            @WrongType(value = "must be an array of organism UUIDs (uuid_organisme)", item = ORGANISM) List<UUID> include,
            @WrongType(value = "must be an array of organism UUIDs (uuid_organisme)", item = ORGANISM) List<UUID> exclude) {

        static final String ORGANISM = "must be an organism's UUID (uuid_organisme)";
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
