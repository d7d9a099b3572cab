package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of a flux. Absent values take the documented defaults.
 *
 * @param csvDelimiter        CSV delimiter, {@code ,} (default) or {@code ;}
 * @param csvBom              whether CSV files start with a UTF-8 BOM (Excel in French locales); default false
 * @param jsonLayout          JSON array (default) or newline-delimited JSON
 * @param coordinatePrecision decimals of GeoJSON coordinates, 1 to 15; default 7 (about 1 cm)
 * @param compression         none (default), gzip or zip, applied to each file
 * @param geometryAs          polygon (default) or centroid for degraded records' geometry
 * @param dateCoarsening      coarsening of degraded records' dates; default none
 * @param delta               whether runs also deliver delta files (changes since the last successful run)
 * @param changeDriven        whether changes in the source trigger re-exports
 * @param minInterval         minimum time between two runs of this flux (null: the platform's setting)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ExportOptions(Character csvDelimiter, Boolean csvBom, JsonLayout jsonLayout, Integer coordinatePrecision,
                            Compression compression, GeometryAs geometryAs, DateCoarsening dateCoarsening,
                            Boolean delta, Boolean changeDriven, Duration minInterval) {

    public static final int DEFAULT_COORDINATE_PRECISION = 7;

    public ExportOptions {
        csvDelimiter = csvDelimiter == null ? ',' : csvDelimiter;
        csvBom = csvBom != null && csvBom;
        jsonLayout = jsonLayout == null ? JsonLayout.ARRAY : jsonLayout;
        coordinatePrecision = coordinatePrecision == null ? DEFAULT_COORDINATE_PRECISION : coordinatePrecision;
        compression = compression == null ? Compression.NONE : compression;
        geometryAs = geometryAs == null ? GeometryAs.POLYGON : geometryAs;
        dateCoarsening = dateCoarsening == null ? DateCoarsening.NONE : dateCoarsening;
        delta = delta != null && delta;
        changeDriven = changeDriven != null && changeDriven;
    }

    /** Every option at its default. */
    public static ExportOptions defaults() {
        return new ExportOptions(null, null, null, null, null, null, null, null, null, null);
    }

    /** The violations of these options, as JSON pointers under {@code basePath} (e.g. {@code /options}). */
    public List<Violation> violations(String basePath) {
        List<Violation> violations = new ArrayList<>();
        if (csvDelimiter != ',' && csvDelimiter != ';') {
            violations.add(new Violation(basePath + "/csvDelimiter", "must be \",\" or \";\""));
        }
        if (coordinatePrecision < 1 || coordinatePrecision > 15) {
            violations.add(new Violation(basePath + "/coordinatePrecision", "must be between 1 and 15"));
        }
        if (minInterval != null && (minInterval.isNegative() || minInterval.isZero())) {
            violations.add(new Violation(basePath + "/minInterval", "must be a positive ISO-8601 duration"));
        }
        return violations;
    }
}
