package org.naturaflux.sensitivity.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.LevelAssignment;
import org.naturaflux.model.sensitivity.SelectionPlan;

/**
 * The platform's sensitivity rules: the effective diffusion level of a record from its SENSIBILITE and
 * NIV_PRECIS codes, the label that tells partners what was applied, and the area type of each degraded
 * level. Immutable and thread-safe; {@link #standard()} for the documented defaults, {@link #builder()}
 * for a platform's settings.
 *
 * <h2>Effective level</h2>
 * The coarsest of
 * <ul>
 *   <li>the sensitivity's level: SENSIBILITE {@code 0} PRECISE, {@code 1} COMMUNE, {@code 2} GRID,
 *       {@code 3} DEPARTEMENT, {@code 4} WITHHELD; a NULL sensitivity takes the
 *       {@linkplain Builder#missingSensitivity missing-sensitivity policy} (default WITHHELD, so a record
 *       is never treated as non-sensitive by accident; cause {@link WithholdCause#UNKNOWN_SENSITIVITY});</li>
 *   <li>the producer's restriction: NIV_PRECIS {@code 1} COMMUNE, {@code 2} GRID, {@code 3} DEPARTEMENT,
 *       {@code 4} WITHHELD; {@code 0} "Standard", {@code 5} "Précise" and NULL add no restriction unless
 *       a setting maps them to a level.</li>
 * </ul>
 * Any other code, in either nomenclature, withholds the record ({@link WithholdCause#UNKNOWN_CODE}).
 * Codes are compared exactly as {@code cd_nomenclature} stores them (no trimming), as the SQL does.
 *
 * <h2>Labels ({@code niveau_sensibilite})</h2>
 * {@code <who> - <wording of the applied level>[ (restriction du producteur)]} where {@code <who>} is
 * "Non sensible" (SENSIBILITE 0), "Sensible" (1 to 3) or "Sensibilité inconnue" (NULL), and the suffix
 * appears when the producer's restriction is coarser than the sensitivity's level. The standard cases
 * read exactly as the SINP labels: "Non sensible - Diffusion précise", "Sensible - Diffusion à la
 * Commune ou Znieff", "Sensible - Diffusion à la maille 10km", "Sensible - Diffusion au département";
 * a non-sensitive record that its producer restricts to the 10 km cell reads
 * "Non sensible - Diffusion à la maille 10km (restriction du producteur)".
 */
public final class SensitivityRules {

    /** The SENSIBILITE codes the rules know, in order. */
    public static final List<String> SENSITIVITY_CODES = List.of("0", "1", "2", "3", "4");
    /** The NIV_PRECIS codes the rules know, in order. */
    public static final List<String> DIFFUSION_CODES = List.of("0", "1", "2", "3", "4", "5");

    static final String NOT_SENSITIVE = "Non sensible";
    static final String SENSITIVE = "Sensible";
    static final String UNKNOWN = "Sensibilité inconnue";
    static final String PRODUCER_SUFFIX = " (restriction du producteur)";

    private static final Pattern GRID_TYPE = Pattern.compile("M(\\d+)");
    private static final SensitivityRules STANDARD = builder().build();

    private final DiffusionLevel missingSensitivity;
    private final DiffusionLevel producerStandard;
    private final DiffusionLevel producerPrecise;
    private final DiffusionLevel producerMissing;
    private final Map<DiffusionLevel, String> areaTypes;
    private final Map<DiffusionLevel, String> wordings;
    private final String communeTypeCode;
    private final double coverageTolerance;
    /** Decision of every known pair; HashMaps because null is a key (a NULL code). */
    private final Map<String, Map<String, LevelDecision>> decisions;

    private SensitivityRules(Builder b) {
        this.missingSensitivity = b.missingSensitivity;
        this.producerStandard = b.producerStandard;
        this.producerPrecise = b.producerPrecise;
        this.producerMissing = b.producerMissing;
        this.areaTypes = Collections.unmodifiableMap(new EnumMap<>(b.areaTypes));
        EnumMap<DiffusionLevel, String> words = new EnumMap<>(DiffusionLevel.class);
        for (DiffusionLevel level : DiffusionLevel.values()) {
            if (level != DiffusionLevel.WITHHELD) {
                words.put(level, b.wordings.containsKey(level) ? b.wordings.get(level) : defaultWording(level, b.areaTypes.get(level)));
            }
        }
        this.wordings = Collections.unmodifiableMap(words);
        this.communeTypeCode = b.communeTypeCode;
        this.coverageTolerance = b.coverageTolerance;
        Map<String, Map<String, LevelDecision>> table = new HashMap<>();
        for (String s : knownWithNull(SENSITIVITY_CODES)) {
            Map<String, LevelDecision> row = new HashMap<>();
            for (String d : knownWithNull(DIFFUSION_CODES)) {
                row.put(d, compute(s, d));
            }
            table.put(s, row);
        }
        this.decisions = table;
    }

    /** The documented defaults. */
    public static SensitivityRules standard() {
        return STANDARD;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The verdict for a record with these codes (either may be null). Never throws: an unknown code
     * gives a WITHHELD decision with cause {@link WithholdCause#UNKNOWN_CODE}.
     */
    public LevelDecision decide(String sensitivityCode, String diffusionCode) {
        Map<String, LevelDecision> row = decisions.get(sensitivityCode);
        if (row == null) {
            return LevelDecision.withheld(WithholdCause.UNKNOWN_CODE);
        }
        LevelDecision decision = row.get(diffusionCode);
        return decision != null ? decision : LevelDecision.withheld(WithholdCause.UNKNOWN_CODE);
    }

    /** The effective level of a pair of codes ({@code decide(s, d).level()}). */
    public DiffusionLevel levelOf(String sensitivityCode, String diffusionCode) {
        return decide(sensitivityCode, diffusionCode).level();
    }

    /**
     * The rules reduced to data for the source query: the level of every known pair of codes (NULLs
     * included: 6 × 7 = 42 pairs), WITHHELD for any other pair, and the area type of each degraded level.
     */
    public SelectionPlan selectionPlan() {
        List<LevelAssignment> assignments = new ArrayList<>();
        for (String s : knownWithNull(SENSITIVITY_CODES)) {
            for (String d : knownWithNull(DIFFUSION_CODES)) {
                assignments.add(new LevelAssignment(s, d, decide(s, d).level()));
            }
        }
        return new SelectionPlan(assignments, DiffusionLevel.WITHHELD, areaTypes);
    }

    /** The {@code bib_areas_types.type_code} of a degraded level (COMMUNE, GRID or DEPARTEMENT). */
    public String areaTypeCode(DiffusionLevel level) {
        String type = areaTypes.get(level);
        if (type == null) {
            throw new IllegalArgumentException(level + " uses no area");
        }
        return type;
    }

    /** The area type of communes, whose names fill fields that reveal COMMUNES. */
    public String communeTypeCode() {
        return communeTypeCode;
    }

    /**
     * How far, in metres (EPSG:2154), a line or polygon may stick out of the union of its touched areas
     * and still count as covered (slivers between neighbouring areas of real reference data). A record
     * sticking out further is withheld ({@link WithholdCause#NO_AREA}).
     */
    public double coverageTolerance() {
        return coverageTolerance;
    }

    /** The wording of a level in labels, e.g. "Diffusion à la maille 10km". */
    public String wording(DiffusionLevel level) {
        String wording = wordings.get(level);
        if (wording == null) {
            throw new IllegalArgumentException(level + " has no label");
        }
        return wording;
    }

    private LevelDecision compute(String s, String d) {
        DiffusionLevel bySensitivity = s == null ? missingSensitivity : DiffusionLevel.values()[SENSITIVITY_CODES.indexOf(s)];
        DiffusionLevel byProducer = producerLevel(d);
        DiffusionLevel level = bySensitivity.coarsest(byProducer);
        if (level == DiffusionLevel.WITHHELD) {
            boolean policy = s == null && missingSensitivity == DiffusionLevel.WITHHELD;
            return LevelDecision.withheld(policy ? WithholdCause.UNKNOWN_SENSITIVITY : WithholdCause.SENSITIVITY);
        }
        boolean producerRestricted = byProducer.ordinal() > bySensitivity.ordinal();
        String who = s == null ? UNKNOWN : s.equals("0") ? NOT_SENSITIVE : SENSITIVE;
        String label = who + " - " + wordings.get(level) + (producerRestricted ? PRODUCER_SUFFIX : "");
        return new LevelDecision(level, label, null, producerRestricted);
    }

    private DiffusionLevel producerLevel(String d) {
        if (d == null) {
            return producerMissing;
        }
        return switch (d) {
            case "0" -> producerStandard;
            case "1" -> DiffusionLevel.COMMUNE;
            case "2" -> DiffusionLevel.GRID;
            case "3" -> DiffusionLevel.DEPARTEMENT;
            case "4" -> DiffusionLevel.WITHHELD;
            case "5" -> producerPrecise;
            default -> throw new IllegalStateException("not a known NIV_PRECIS code: " + d);
        };
    }

    private static List<String> knownWithNull(List<String> codes) {
        List<String> all = new ArrayList<>(codes);
        all.add(null);
        return all;
    }

    private static String defaultWording(DiffusionLevel level, String areaType) {
        return switch (level) {
            case PRECISE -> "Diffusion précise";
            case COMMUNE -> "Diffusion à la Commune ou Znieff";
            case GRID -> {
                Matcher m = GRID_TYPE.matcher(areaType);
                yield "Diffusion à la maille " + (m.matches() ? Integer.parseInt(m.group(1)) + "km" : areaType);
            }
            case DEPARTEMENT -> "Diffusion au département";
            case WITHHELD -> throw new IllegalArgumentException("WITHHELD has no label");
        };
    }

    @Override
    public String toString() {
        return "SensitivityRules[missingSensitivity=" + missingSensitivity + ", producerStandard(0)=" + producerStandard
                + ", producerPrecise(5)=" + producerPrecise + ", producerMissing(NULL)=" + producerMissing
                + ", areaTypes=" + areaTypes + ", communeTypeCode=" + communeTypeCode
                + ", coverageTolerance=" + coverageTolerance + "m]";
    }

    /** Settings of {@link SensitivityRules}; every one has the documented default. */
    public static final class Builder {
        private DiffusionLevel missingSensitivity = DiffusionLevel.WITHHELD;
        private DiffusionLevel producerStandard = DiffusionLevel.PRECISE;
        private DiffusionLevel producerPrecise = DiffusionLevel.PRECISE;
        private DiffusionLevel producerMissing = DiffusionLevel.PRECISE;
        private final EnumMap<DiffusionLevel, String> areaTypes = new EnumMap<>(Map.of(
                DiffusionLevel.COMMUNE, "COM", DiffusionLevel.GRID, "M10", DiffusionLevel.DEPARTEMENT, "DEP"));
        private final EnumMap<DiffusionLevel, String> wordings = new EnumMap<>(DiffusionLevel.class);
        private String communeTypeCode = "COM";
        private double coverageTolerance = 1.0;

        private Builder() {
        }

        /** Level of a record whose sensitivity is NULL; default WITHHELD. */
        public Builder missingSensitivity(DiffusionLevel level) {
            this.missingSensitivity = Objects.requireNonNull(level, "level");
            return this;
        }

        /** Restriction meant by NIV_PRECIS 0 "Standard"; default PRECISE (none). */
        public Builder producerStandard(DiffusionLevel level) {
            this.producerStandard = Objects.requireNonNull(level, "level");
            return this;
        }

        /** Restriction meant by NIV_PRECIS 5 "Précise"; default PRECISE (none). */
        public Builder producerPrecise(DiffusionLevel level) {
            this.producerPrecise = Objects.requireNonNull(level, "level");
            return this;
        }

        /** Restriction meant by a NULL NIV_PRECIS; default PRECISE (none). */
        public Builder producerMissing(DiffusionLevel level) {
            this.producerMissing = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * The {@code type_code} of the areas a degraded level uses; defaults COMMUNE {@code COM}, GRID
         * {@code M10}, DEPARTEMENT {@code DEP}. For GRID, the label's wording follows an {@code M<n>}
         * type ("Diffusion à la maille 5km") unless {@link #wording} sets it.
         */
        public Builder areaType(DiffusionLevel level, String typeCode) {
            if (level == null || !level.isDegraded()) {
                throw new IllegalArgumentException("only COMMUNE, GRID and DEPARTEMENT use areas, not " + level);
            }
            areaTypes.put(level, requireText(typeCode, "typeCode"));
            return this;
        }

        /** The wording of a level in labels (e.g. "Diffusion à la maille 10km"). */
        public Builder wording(DiffusionLevel level, String wording) {
            if (level == null || level == DiffusionLevel.WITHHELD) {
                throw new IllegalArgumentException("no label for " + level);
            }
            wordings.put(level, requireText(wording, "wording"));
            return this;
        }

        /** The area type of communes (for fields that reveal COMMUNES); default {@code COM}. */
        public Builder communeTypeCode(String typeCode) {
            this.communeTypeCode = requireText(typeCode, "typeCode");
            return this;
        }

        /** See {@link SensitivityRules#coverageTolerance()}; default 1 metre; 0 for strict coverage. */
        public Builder coverageTolerance(double metres) {
            if (!(metres >= 0) || Double.isInfinite(metres)) {
                throw new IllegalArgumentException("coverage tolerance must be a finite number of metres >= 0");
            }
            this.coverageTolerance = metres;
            return this;
        }

        public SensitivityRules build() {
            return new SensitivityRules(this);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
