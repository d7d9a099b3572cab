package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of a flux. Absent values take the documented defaults.
 *
 * @param csvDelimiter        CSV delimiter, {@code ,} or {@code ;}; default the preset's ({@code ,} for
 *                            {@code standard}, {@code ;} for {@code excel-fr}, which accepts only {@code ;})
 * @param csvBom              whether CSV files start with a UTF-8 BOM (Excel in French locales); default the
 *                            preset's (false for {@code standard}, true for {@code excel-fr}, which needs it)
 * @param jsonLayout          JSON array (default) or newline-delimited JSON
 * @param coordinatePrecision decimals of GeoJSON coordinates, 1 to 15; default 7 (about 1 cm)
 * @param compression         none (default), gzip or zip, applied to each file
 * @param geometryAs          polygon (default) or centroid for degraded records' geometry
 * @param dateCoarsening      coarsening of degraded records' dates; default none
 * @param delta               whether runs also deliver delta files (changes since the last successful run)
 * @param changeDriven        whether changes in the source trigger re-exports
 * @param minInterval         minimum time between two runs of this flux (null: the platform's setting)
 * @param csvPreset           how CSV cells are written: {@code standard} (default) or {@code excel-fr}
 *                            ({@link CsvPreset}); absent from commands and specs written before it existed
 * @param csvDateFormat       CSV dates: {@code iso} (default) or {@code jj/mm/aaaa}, the latter only with
 *                            {@code excel-fr} ({@link CsvDateFormat})
 * @param statuses            whether runs also deliver the taxa's statuses as a companion table ({@code statuts.csv},
 *                            and a {@code statuts} table in a GeoPackage); default false
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ExportOptions(Character csvDelimiter, Boolean csvBom, JsonLayout jsonLayout, Integer coordinatePrecision,
                            Compression compression, GeometryAs geometryAs, DateCoarsening dateCoarsening,
                            Boolean delta, Boolean changeDriven, Duration minInterval, CsvPreset csvPreset,
                            CsvDateFormat csvDateFormat, Boolean statuses) {

    public static final int DEFAULT_COORDINATE_PRECISION = 7;

    public ExportOptions {
        csvPreset = csvPreset == null ? CsvPreset.STANDARD : csvPreset;
        csvDateFormat = csvDateFormat == null ? CsvDateFormat.ISO : csvDateFormat;
        csvDelimiter = csvDelimiter == null ? csvPreset.defaultDelimiter() : csvDelimiter;
        csvBom = csvBom == null ? csvPreset.defaultBom() : csvBom;
        jsonLayout = jsonLayout == null ? JsonLayout.ARRAY : jsonLayout;
        coordinatePrecision = coordinatePrecision == null ? DEFAULT_COORDINATE_PRECISION : coordinatePrecision;
        compression = compression == null ? Compression.NONE : compression;
        geometryAs = geometryAs == null ? GeometryAs.POLYGON : geometryAs;
        dateCoarsening = dateCoarsening == null ? DateCoarsening.NONE : dateCoarsening;
        delta = delta != null && delta;
        changeDriven = changeDriven != null && changeDriven;
        statuses = statuses != null && statuses;
    }

    /** The options without the statuses companion (its default: none). */
    public ExportOptions(Character csvDelimiter, Boolean csvBom, JsonLayout jsonLayout, Integer coordinatePrecision,
                         Compression compression, GeometryAs geometryAs, DateCoarsening dateCoarsening,
                         Boolean delta, Boolean changeDriven, Duration minInterval, CsvPreset csvPreset,
                         CsvDateFormat csvDateFormat) {
        this(csvDelimiter, csvBom, jsonLayout, coordinatePrecision, compression, geometryAs, dateCoarsening, delta,
                changeDriven, minInterval, csvPreset, csvDateFormat, null);
    }

    /** The options without a CSV preset, date format nor statuses (their defaults: {@code standard}, {@code iso}, none). */
    public ExportOptions(Character csvDelimiter, Boolean csvBom, JsonLayout jsonLayout, Integer coordinatePrecision,
                         Compression compression, GeometryAs geometryAs, DateCoarsening dateCoarsening,
                         Boolean delta, Boolean changeDriven, Duration minInterval) {
        this(csvDelimiter, csvBom, jsonLayout, coordinatePrecision, compression, geometryAs, dateCoarsening, delta,
                changeDriven, minInterval, null, null);
    }

    /** Every option at its default. */
    public static ExportOptions defaults() {
        return new ExportOptions(null, null, null, null, null, null, null, null, null, null, null, null, null);
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
        if (csvPreset == CsvPreset.EXCEL_FR) {
            if (csvDelimiter != CsvPreset.EXCEL_FR.defaultDelimiter()) {
                violations.add(new Violation(basePath + "/csvDelimiter", "must be \";\" (or absent) with csvPreset "
                        + "\"excel-fr\": its decimal comma needs another delimiter than \",\""));
            }
            if (!csvBom) {
                violations.add(new Violation(basePath + "/csvBom", "must be true (or absent) with csvPreset "
                        + "\"excel-fr\": Excel reads UTF-8 only after a BOM"));
            }
        } else if (csvDateFormat != CsvDateFormat.ISO) {
            violations.add(new Violation(basePath + "/csvDateFormat", "\"" + csvDateFormat.code()
                    + "\" needs csvPreset \"excel-fr\" (the standard preset writes ISO dates)"));
        }
        return violations;
    }
}
