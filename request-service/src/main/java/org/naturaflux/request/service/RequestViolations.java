package org.naturaflux.request.service;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.naturaflux.model.spec.Violation;

/**
 * The one translation of a request body's binding and Bean Validation failures into violations with a
 * JSON pointer ({@code /territory/areas/0/code}), the shape every error of the API has:
 * <ul>
 *   <li>Jackson's: an unknown member ({@code unknown field 'x'}), a wrong type ({@code must be a string},
 *   or the member's own {@link WrongType} message), a number too large for its member; at the body's
 *   root, {@code the body must be a JSON object};</li>
 *   <li>Bean Validation's: the constraint's message at its property path, list indexes included.</li>
 * </ul>
 * Plain Java: the REST layer's exception mappers and the request checks both use it.
 */
public final class RequestViolations {

    private RequestViolations() {
    }

    /**
     * The message of a member whose JSON value has the wrong type, when it says more than the type
     * ({@code must be a string}).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface WrongType {
        /** When the member itself has the wrong type. */
        String value();

        /** When an item of the member (an array) has the wrong type; empty: by the item's type. */
        String item() default "";
    }

    /** Where and what a Jackson binding failure is. */
    public static Violation of(JsonMappingException e) {
        String path = pointer(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new Violation(path, "unknown field '" + unknown.getPropertyName() + "'");
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                : e.getCause() instanceof InputCoercionException coercion ? coercion.getTargetType() : null;
        if (target == null) {
            return new Violation(path, "unreadable value: " + e.getOriginalMessage());
        }
        if (e.getPath().isEmpty() && isObject(target)) {
            return new Violation(path, "the body must be a JSON object");
        }
        String declared = declaredMessage(e.getPath());
        return new Violation(path, declared != null ? declared : "must be " + describe(target));
    }

    /** The violations of Bean Validation, ordered by path (as the body reads) then message. */
    public static <T> List<Violation> of(Set<ConstraintViolation<T>> violations) {
        return violations.stream().map(v -> new Violation(pointer(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::message)).toList();
    }

    /** The JSON pointer of a Bean Validation property path ({@code studies[0].name} is {@code /studies/0/name}). */
    static String pointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                pointer.append('/').append(node.getName());
            }
        }
        return pointer.toString();
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            path.append('/');
            path.append(reference.getFieldName() != null ? reference.getFieldName() : String.valueOf(reference.getIndex()));
        }
        return path.toString();
    }

    /** The {@link WrongType} message of the member the path ends in (or of its items), if it has one. */
    private static String declaredMessage(List<JsonMappingException.Reference> path) {
        for (int i = path.size() - 1; i >= 0 && i >= path.size() - 2; i--) {
            JsonMappingException.Reference reference = path.get(i);
            if (reference.getFieldName() == null) {
                continue;
            }
            Object from = reference.getFrom();
            Class<?> owner = from instanceof Class<?> type ? type : from == null ? null : from.getClass();
            if (owner == null || !owner.isRecord()) {
                return null;
            }
            for (RecordComponent component : owner.getRecordComponents()) {
                WrongType declared = component.getName().equals(reference.getFieldName())
                        ? component.getAnnotation(WrongType.class) : null;
                if (declared != null) {
                    boolean item = i < path.size() - 1;
                    return item ? (declared.item().isEmpty() ? null : declared.item()) : declared.value();
                }
            }
            return null;
        }
        return null;
    }

    private static boolean isObject(Class<?> type) {
        return type.isRecord() || type.getName().startsWith("org.naturaflux");
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (isObject(type)) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }
}
