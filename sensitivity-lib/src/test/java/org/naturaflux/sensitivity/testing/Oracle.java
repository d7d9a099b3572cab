package org.naturaflux.sensitivity.testing;

import java.util.List;
import org.naturaflux.model.sensitivity.DiffusionLevel;

/**
 * The level rules of DOMAIN.md restated independently of SensitivityRules, for property tests: the
 * coarsest of SENSIBILITE (0 precise .. 4 withheld; NULL withheld by default) and NIV_PRECIS (1 commune ..
 * 4 withheld; 0, 5 and NULL no restriction); anything else withheld.
 */
public final class Oracle {

    private static final List<String> SENSITIVITY = List.of("0", "1", "2", "3", "4");
    private static final List<String> RESTRICTION = List.of("0", "1", "2", "3", "4", "5");

    private Oracle() {
    }

    public static DiffusionLevel standardLevel(String sensitivity, String diffusion) {
        if (sensitivity == null || !SENSITIVITY.contains(sensitivity)) {
            return DiffusionLevel.WITHHELD;
        }
        if (diffusion != null && !RESTRICTION.contains(diffusion)) {
            return DiffusionLevel.WITHHELD;
        }
        int bySensitivity = Integer.parseInt(sensitivity);
        int byProducer = diffusion == null || diffusion.equals("0") || diffusion.equals("5") ? 0 : Integer.parseInt(diffusion);
        return DiffusionLevel.values()[Math.max(bySensitivity, byProducer)];
    }

    /** The fixtures' area type of a degraded level (the standard one). */
    public static String standardType(DiffusionLevel level) {
        return switch (level) {
            case COMMUNE -> "COM";
            case GRID -> "M10";
            case DEPARTEMENT -> "DEP";
            default -> throw new IllegalArgumentException(level.toString());
        };
    }
}
