package org.naturaflux.sensitivity.degrade;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.field.Reveals;
import org.naturaflux.model.spec.DateCoarsening;

/**
 * What happens to each field of an export, decided once from the fields' declared {@link Reveals}, then
 * applied to every row. A field that declares nothing is kept; a field that declares several things gets
 * the safest treatment: removed if any declaration says "remove", removed too when it declares two
 * replacements that cannot both hold (e.g. GEOMETRY and CENTROID), except DATE with TIME (a timestamp),
 * which is coarsened as a date.
 */
final class FieldPlan {

    /** The treatment of one field of a degraded row. */
    enum Action { GEOMETRY, CENTROID_X, CENTROID_Y, COMMUNES, REMOVE, PRECISION, SENSITIVITY, AREA_CODES, DATE, TIME }

    private static final Set<Reveals> REMOVED = EnumSet.of(Reveals.PLACE_NAME, Reveals.ELEVATION, Reveals.FREE_TEXT,
            Reveals.ADDITIONAL_DATA, Reveals.PROOF_URL, Reveals.LINKING_ID);

    /** Indices and actions of the fields a degraded row changes (fields kept as they are are not listed). */
    final int[] degradedIndex;
    final Action[] degradedAction;
    final FieldType[] degradedType;
    /** Indices of the SENSITIVITY and AREA_CODES fields, which PRECISE rows also set. */
    final int[] sensitivityIndex;
    final int[] areaCodesIndex;
    final boolean needsCommunes;
    private final DateCoarsening dateCoarsening;

    FieldPlan(List<FieldDefinition> fields, DateCoarsening dateCoarsening) {
        this.dateCoarsening = dateCoarsening;
        List<Integer> index = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        List<Integer> sensitivity = new ArrayList<>();
        List<Integer> areaCodes = new ArrayList<>();
        boolean communes = false;
        for (int i = 0; i < fields.size(); i++) {
            FieldDefinition field = fields.get(i);
            Action action = actionOf(field);
            if (action == null) {
                continue;
            }
            if (action == Action.TIME && dateCoarsening == DateCoarsening.NONE) {
                continue;
            }
            if (action == Action.DATE && dateCoarsening == DateCoarsening.NONE) {
                continue;
            }
            index.add(i);
            actions.add(action);
            communes |= action == Action.COMMUNES;
            if (action == Action.SENSITIVITY) {
                sensitivity.add(i);
            }
            if (action == Action.AREA_CODES) {
                areaCodes.add(i);
            }
        }
        this.degradedIndex = index.stream().mapToInt(Integer::intValue).toArray();
        this.degradedAction = actions.toArray(Action[]::new);
        this.degradedType = index.stream().map(i -> fields.get(i).type()).toArray(FieldType[]::new);
        this.sensitivityIndex = sensitivity.stream().mapToInt(Integer::intValue).toArray();
        this.areaCodesIndex = areaCodes.stream().mapToInt(Integer::intValue).toArray();
        this.needsCommunes = communes;
    }

    /** The action for a field, or null to keep it. */
    static Action actionOf(FieldDefinition field) {
        Set<Reveals> reveals = field.reveals();
        if (reveals.isEmpty()) {
            return null;
        }
        for (Reveals r : reveals) {
            if (REMOVED.contains(r)) {
                return Action.REMOVE;
            }
        }
        if (reveals.equals(EnumSet.of(Reveals.DATE, Reveals.TIME))) {
            return Action.DATE;
        }
        if (reveals.size() > 1) {
            return Action.REMOVE;
        }
        return switch (reveals.iterator().next()) {
            case GEOMETRY -> Action.GEOMETRY;
            case CENTROID -> centroidAxis(field.code());
            case COMMUNES -> Action.COMMUNES;
            case PRECISION -> Action.PRECISION;
            case SENSITIVITY -> Action.SENSITIVITY;
            case AREA_CODES -> Action.AREA_CODES;
            case DATE -> Action.DATE;
            case TIME -> Action.TIME;
            default -> Action.REMOVE;
        };
    }

    /**
     * Which coordinate a CENTROID field holds, told by its code ({@code x_...}, {@code ..._x},
     * {@code lon...}; {@code y_...}, {@code ..._y}, {@code lat...}); a field whose axis cannot be told is
     * removed rather than guessed.
     */
    static Action centroidAxis(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        if (c.startsWith("x_") || c.endsWith("_x") || c.startsWith("lon") || c.contains("_lon")) {
            return Action.CENTROID_X;
        }
        if (c.startsWith("y_") || c.endsWith("_y") || c.startsWith("lat") || c.contains("_lat")) {
            return Action.CENTROID_Y;
        }
        return Action.REMOVE;
    }

    /** Writes the degraded value of every changed field into {@code values} (a copy of the row's). */
    void degrade(Object[] values, Footprint footprint, String label) {
        for (int k = 0; k < degradedIndex.length; k++) {
            int i = degradedIndex[k];
            FieldType type = degradedType[k];
            values[i] = switch (degradedAction[k]) {
                case GEOMETRY -> geometryValue(footprint.output(), type);
                case CENTROID_X -> number(footprint.centroidX(), type);
                case CENTROID_Y -> number(footprint.centroidY(), type);
                case COMMUNES -> type == FieldType.TEXT ? footprint.communes() : null;
                case REMOVE -> null;
                case PRECISION -> precision(values[i], footprint.size(), type);
                case SENSITIVITY -> type == FieldType.TEXT ? label : null;
                case AREA_CODES -> type == FieldType.TEXT ? footprint.areaCodes() : null;
                case DATE -> coarsen(values[i]);
                case TIME -> null;
            };
        }
    }

    private static Object geometryValue(Geometry output, FieldType type) {
        return switch (type) {
            case GEOMETRY -> output;
            case TEXT -> output.toText();
            default -> null;
        };
    }

    private static Object number(double value, FieldType type) {
        return switch (type) {
            case DECIMAL -> value;
            case TEXT -> Double.toString(value);
            default -> null;
        };
    }

    /** The larger of the source precision and the area's size; never smaller than either. */
    private static Object precision(Object source, long areaSize, FieldType type) {
        double sourceValue = 0;
        if (source instanceof Number n) {
            sourceValue = n.doubleValue();
        } else if (source instanceof String s) {
            try {
                sourceValue = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                sourceValue = 0;
            }
        }
        if (Double.isNaN(sourceValue)) {
            sourceValue = 0;
        }
        return switch (type) {
            case INTEGER -> Math.max(areaSize, (long) Math.ceil(sourceValue));
            case DECIMAL -> Math.max((double) areaSize, sourceValue);
            case TEXT -> sourceValue > areaSize ? stripTrailingZero(sourceValue) : Long.toString(areaSize);
            default -> null;
        };
    }

    private static String stripTrailingZero(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** A date moved to the first day of its month or year; a value that is not a date is removed. */
    private Object coarsen(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return coarsen(date);
        }
        if (value instanceof LocalDateTime dateTime) {
            return coarsen(dateTime.toLocalDate()).atStartOfDay();
        }
        if (value instanceof String text) {
            try {
                return text.length() > 10
                        ? coarsen(LocalDateTime.parse(text).toLocalDate()).atStartOfDay().toString()
                        : coarsen(LocalDate.parse(text)).toString();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private LocalDate coarsen(LocalDate date) {
        return switch (dateCoarsening) {
            case NONE -> date;
            case MONTH -> date.withDayOfMonth(1);
            case YEAR -> date.withDayOfYear(1);
        };
    }
}
