package org.naturaflux.source.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.source.query.ExportQuery;
import org.naturaflux.source.query.FieldSql;

/**
 * Prints, on one line, the SELECT that the export-worker ran for a committed run, its parameters inlined,
 * for {@code deploy/local/bench} to give to {@code psql \copy} and {@code ogr2ogr}: the same records,
 * found by the same statement. Arguments: JDBC URL, user, password, the run's {@code manifest.json}, and
 * {@code csv} or {@code ogr}.
 *
 * <p>The statement is built by source-lib's {@link ExportQuery} from the manifest's specification and
 * the selection plan of the sensitivity settings the manifest records (sensitivity-lib's
 * {@code SensitivityRules}, reached by reflection: source-lib does not depend on sensitivity-lib, not even
 * in its tests; the bench puts it on the class path). The statement's text and bound parameters are taken
 * from the PostgreSQL driver's rendering of the prepared statement at the moment it would run, so no
 * part of it is written here; it is then wrapped, unchanged, as a subquery naming its columns:
 * <ul>
 *   <li>{@code csv}: the requested fields in the spec's order, the geometry as WKT of
 *       {@code the_geom_4326} where the spec asks for {@code geometrie_wkt_4326};</li>
 *   <li>{@code ogr}: the same fields without the WKT, and {@code geom}, the geometry (EPSG:4326), as a
 *       PostGIS geometry column for ogr2ogr.</li>
 * </ul>
 * Neither degrades anything: the tools export every selected record at its precise location.
 */
public final class ExportSelect {

    private ExportSelect() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5 || !(args[4].equals("csv") || args[4].equals("ogr"))) {
            System.err.println("usage: ExportSelect <jdbc url> <user> <password> <manifest.json> csv|ogr");
            System.exit(2);
        }
        ObjectMapper mapper = MessageCodec.mapper();
        JsonNode manifest = mapper.readTree(new File(args[3]));
        FluxSpec spec = mapper.treeToValue(manifest.get("spec"), FluxSpec.class);
        SelectionPlan plan = selectionPlan(manifest.get("sensitivity"));
        ExportQuery query = ExportQuery.of(spec, FieldCatalogue.standard(), plan);
        String statement;
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            statement = capture(query, connection);
        }
        System.out.println(wrap(statement, query.fields(), args[4].equals("ogr")).replaceAll("\\s*\n\\s*", " "));
    }

    /** The rows' statement with its parameters, as the driver renders it, captured instead of executed. */
    private static String capture(ExportQuery query, Connection connection) throws Exception {
        String[] captured = new String[1];
        InvocationHandler onConnection = (proxy, method, methodArgs) -> {
            Object result = invoke(method, connection, methodArgs);
            if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement statement
                    && methodArgs[0] instanceof String sql && sql.startsWith("WITH RECURSIVE plan")) {
                return Proxy.newProxyInstance(ExportSelect.class.getClassLoader(), new Class<?>[]{PreparedStatement.class},
                        (p, m, a) -> {
                            if (m.getName().equals("executeQuery")) {
                                captured[0] = statement.toString();
                                throw new Captured();
                            }
                            return invoke(m, statement, a);
                        });
            }
            return result;
        };
        Connection spy = (Connection) Proxy.newProxyInstance(ExportSelect.class.getClassLoader(),
                new Class<?>[]{Connection.class}, onConnection);
        try {
            query.stream(spy, 1000).close();
        } catch (Captured expected) {
            // the statement was rendered, not run
        }
        if (captured[0] == null || captured[0].contains("?")) {
            throw new IllegalStateException("could not render the export statement with its parameters: " + captured[0]);
        }
        return captured[0];
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The statement as a subquery naming its columns: ExportQuery's identity and geometry columns, then the fields'. */
    static String wrap(String statement, List<FieldDefinition> fields, boolean ogr) {
        List<String> names = new ArrayList<>(List.of("nf_id", "nf_sensitivity", "nf_diffusion", "nf_wkb_local", "nf_wkb_4326"));
        List<String> out = new ArrayList<>();
        for (FieldDefinition field : fields) {
            FieldSql sql = FieldSql.require(field.code());
            if (sql.expression() != null) {
                names.add('"' + field.code() + '"');
                out.add("q.\"" + field.code() + '"');
            } else if (!ogr) {
                out.add("ST_AsText(ST_GeomFromWKB(q.nf_wkb_4326)) AS \"" + field.code() + '"');
            }
        }
        if (ogr) {
            out.add("ST_GeomFromWKB(q.nf_wkb_4326, 4326) AS geom");
        }
        return "SELECT " + String.join(", ", out) + " FROM (" + statement + ") AS q(" + String.join(", ", names) + ")";
    }

    /** sensitivity-lib's plan for the settings the manifest records (see the class comment). */
    private static SelectionPlan selectionPlan(JsonNode settings) throws ReflectiveOperationException {
        Class<?> rules = Class.forName("org.naturaflux.sensitivity.rules.SensitivityRules");
        Object builder = rules.getMethod("builder").invoke(null);
        Class<?> type = builder.getClass();
        for (String policy : List.of("missingSensitivity", "producerStandard", "producerPrecise", "producerMissing")) {
            type.getMethod(policy, DiffusionLevel.class).invoke(builder, DiffusionLevel.valueOf(settings.get(policy).asText()));
        }
        for (DiffusionLevel level : List.of(DiffusionLevel.COMMUNE, DiffusionLevel.GRID, DiffusionLevel.DEPARTEMENT)) {
            type.getMethod("areaType", DiffusionLevel.class, String.class).invoke(builder, level, settings.get(level.name()).asText());
        }
        Object built = type.getMethod("build").invoke(builder);
        return (SelectionPlan) rules.getMethod("selectionPlan").invoke(built);
    }

    /** Stops the export at the moment its statement would run. */
    private static final class Captured extends RuntimeException {
        Captured() {
            super(null, null, false, false);
        }
    }
}
