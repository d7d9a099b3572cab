package org.naturaflux.format.gpkg;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.format.AbstractFormatWriter;
import org.naturaflux.format.FieldLayout;
import org.naturaflux.format.OutputFile;
import org.naturaflux.format.ValueFormatter;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/**
 * Writes an OGC GeoPackage holding one feature table, valid for GDAL 3.6's validator
 * ({@code validate_gpkg.py}) and readable by {@code ogrinfo} and QGIS.
 *
 * <ul>
 *   <li>Table {@link WriterSettings#layerName()} ({@code observations} by default), registered in
 *       {@code gpkg_contents} with its true extent (the envelope of every geometry written; none when no
 *       row has a geometry) and SRS 4326 (WGS 84, longitude/latitude).</li>
 *   <li>Primary key {@code fid} = the row's id ({@code id_synthese}): ids must be unique within an export
 *       (a duplicate fails the write); geometry column {@code geom} = the row's feature geometry, declared
 *       as the type every geometry shares ({@code POINT}, {@code MULTIPOLYGON}...) or {@code GEOMETRY} when
 *       they differ or none was written; two dimensions; null and empty geometries are SQL {@code NULL}.
 *       ({@code fid_1}, {@code geom_1}... when a field already has that name.)</li>
 *   <li>One column per field except the GEOMETRY field (the geometry is the feature's): TEXT and JSON
 *       {@code TEXT}, UUID {@code TEXT(36)}, INTEGER {@code INTEGER}, DECIMAL {@code REAL} (NaN and
 *       infinities as {@code NULL}), DATE {@code DATE} ({@code 2024-05-01}), TIMESTAMP {@code DATETIME}
 *       ({@code 2024-05-01T10:15:30.000}, milliseconds, no zone designator: GeoNature's local time, as GDAL
 *       writes a date-time of unknown zone), BOOLEAN {@code BOOLEAN} (0 / 1).</li>
 *   <li>An R-tree spatial index ({@code gpkg_rtree_index}) built after the load as a packed Hilbert
 *       R-tree ({@code PackedRTree}), with the GeoPackage 1.2/1.3 trigger set that GDAL 3.6 checks, so that
 *       later edits (QGIS, GDAL) keep it in step; {@code PRAGMA user_version} 10300.</li>
 * </ul>
 *
 * <p>How: geopackage-java creates the structure (file, SRS, table, contents, extension, virtual table,
 * triggers); rows are loaded with batched prepared inserts in one transaction on its JDBC connection
 * (journal off, 64 KiB pages, SQLite's temporary data in memory), run by a loader thread
 * ({@code BatchLoader}) while the caller prepares the next rows, with geometry blobs encoded by
 * {@code GeoPackageGeometry}. The file is built under a temporary name (a hidden file next to the target,
 * or in {@link WriterSettings#tempDirectory()} when it is to be compressed) and moved or compressed into
 * place by {@link #finish()}. Insert failures (a duplicate id) surface at a later {@code write} or at
 * {@code finish}.
 *
 * <p>Memory: three batches of {@value #BATCH_ROWS} rows and one sort run of the R-tree
 * on the Java heap; SQLite's page cache (at most {@value #CACHE_KIB} KiB, native memory); the envelopes
 * of the R-tree in temporary files (24 bytes a row) in {@link WriterSettings#tempDirectory()}.
 */
public final class GeoPackageWriter extends AbstractFormatWriter {

    static final int SRS_ID = 4326;
    static final int BATCH_ROWS = 1000;
    static final int CACHE_KIB = 32 * 1024;
    static final int USER_VERSION = 10300;

    private final Path target;
    private final Path work;
    private final Compression compression;
    private final String table;
    private final String fidColumn;
    private final String geometryColumn;
    private final int[] attributeColumns;
    private final GeoPackage geoPackage;
    private final Connection connection;
    private final PreparedStatement insert;
    private final BatchLoader loader;
    private final PackedRTree rtree;
    private BatchLoader.Batch batch;
    private int geometryType = -1;
    private boolean mixedTypes;
    private double minX = Double.POSITIVE_INFINITY;
    private double minY = Double.POSITIVE_INFINITY;
    private double maxX = Double.NEGATIVE_INFINITY;
    private double maxY = Double.NEGATIVE_INFINITY;

    private GeoPackageWriter(FieldLayout layout, Path target, Path work, Compression compression, String table,
                             String fidColumn, String geometryColumn, int[] attributeColumns,
                             GeoPackage geoPackage, Connection connection, PreparedStatement insert,
                             PackedRTree rtree) throws IOException {
        super(ExportFormat.GPKG, layout);
        this.target = target;
        this.work = work;
        this.compression = compression;
        this.table = table;
        this.fidColumn = fidColumn;
        this.geometryColumn = geometryColumn;
        this.attributeColumns = attributeColumns;
        this.geoPackage = geoPackage;
        this.connection = connection;
        this.insert = insert;
        this.rtree = rtree;
        this.loader = new BatchLoader(insert, BATCH_ROWS, 2 + attributeColumns.length, "naturaflux-gpkg-loader");
        this.batch = loader.nextBatch();
    }

    /**
     * Creates the GeoPackage's structure and opens the load.
     *
     * @param target   the uncompressed file's path ({@code .gz} or {@code .zip} is appended when compressed)
     * @param layout   the export's fields
     * @param options  the flux's options (compression)
     * @param settings the layer name and the temporary directory
     */
    public static GeoPackageWriter open(Path target, FieldLayout layout, ExportOptions options,
                                        WriterSettings settings) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(settings, "settings");
        Compression compression = options.compression();
        Path directory = compression == Compression.NONE
                ? target.toAbsolutePath().getParent() : settings.tempDirectory();
        Path work = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".gpkg");

        Set<String> taken = new HashSet<>();
        layout.fields().forEach(f -> taken.add(f.code().toLowerCase(Locale.ROOT)));
        String fidColumn = freeName("fid", taken);
        String geometryColumn = freeName("geom", taken);
        int geometryIndex = layout.geometryIndex();
        int[] attributeColumns = new int[geometryIndex < 0 ? layout.size() : layout.size() - 1];
        List<FeatureColumn> columns = new ArrayList<>();
        for (int i = 0, next = 0; i < layout.size(); i++) {
            if (i != geometryIndex) {
                attributeColumns[next++] = i;
                columns.add(column(layout.field(i)));
            }
        }

        GeoPackage geoPackage = null;
        PackedRTree rtree = null;
        try {
            GeoPackageManager.create(work.toFile());
            geoPackage = GeoPackageManager.open(work.toFile());
            Connection connection = geoPackage.getConnection().getConnection();
            try (Statement statement = connection.createStatement()) {
                // SQLite's temporary data (the VACUUM's copy, sorts) stays in memory: no file outside ours.
                statement.execute("PRAGMA temp_store = MEMORY");
                // Larger pages make a smaller, faster file; the page size only changes by a VACUUM, cheap now.
                statement.execute("PRAGMA page_size = 65536");
                statement.execute("VACUUM");
            }
            GeometryColumns geometryColumns = new GeometryColumns();
            geometryColumns.setTableName(settings.layerName());
            geometryColumns.setColumnName(geometryColumn);
            geometryColumns.setGeometryType(GeometryType.GEOMETRY);
            geometryColumns.setZ((byte) 0);
            geometryColumns.setM((byte) 0);
            geometryColumns.setSrsId(SRS_ID);
            geoPackage.createFeatureTable(FeatureTableMetadata.create(geometryColumns, fidColumn, false, columns));
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = OFF");
                statement.execute("PRAGMA synchronous = OFF");
                statement.execute("PRAGMA cache_size = -" + CACHE_KIB);
            }
            connection.setAutoCommit(false);
            PreparedStatement insert = connection.prepareStatement(insertSql(settings.layerName(), fidColumn,
                    geometryColumn, columns));
            rtree = new PackedRTree(settings.tempDirectory());
            return new GeoPackageWriter(layout, target, work, compression, settings.layerName(), fidColumn,
                    geometryColumn, attributeColumns, geoPackage, connection, insert, rtree);
        } catch (SQLException e) {
            discard(geoPackage, work, rtree);
            throw new IOException("cannot create GeoPackage " + work, e);
        } catch (IOException | RuntimeException e) {
            discard(geoPackage, work, rtree);
            throw e;
        }
    }

    private static void discard(GeoPackage geoPackage, Path work, PackedRTree rtree) throws IOException {
        if (rtree != null) {
            rtree.close();
        }
        if (geoPackage != null) {
            geoPackage.close();
        }
        Files.deleteIfExists(work);
        Files.deleteIfExists(journalOf(work));
    }

    private static String freeName(String base, Set<String> taken) {
        String name = base;
        for (int i = 1; taken.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name);
        return name;
    }

    private static FeatureColumn column(FieldDefinition field) {
        return switch (field.type()) {
            case TEXT, JSON -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.TEXT);
            case UUID -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.TEXT, 36L);
            case INTEGER -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.INTEGER);
            case DECIMAL -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.REAL);
            case DATE -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.DATE);
            case TIMESTAMP -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.DATETIME);
            case BOOLEAN -> FeatureColumn.createColumn(field.code(), GeoPackageDataType.BOOLEAN);
            case GEOMETRY -> throw new IllegalArgumentException("the geometry field is the feature geometry");
        };
    }

    private static String insertSql(String table, String fid, String geometry, List<FeatureColumn> columns) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table)).append(" (")
                .append(quote(fid)).append(", ").append(quote(geometry));
        columns.forEach(c -> sql.append(", ").append(quote(c.getName())));
        sql.append(") VALUES (?, ?");
        sql.append(", ?".repeat(columns.size()));
        return sql.append(')').toString();
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static Path journalOf(Path database) {
        return database.resolveSibling(database.getFileName() + "-journal");
    }

    @Override
    protected void writeRow(ObservationRow row, Object[] values) throws IOException {
        Object[] parameters = batch.rows[batch.size];
        parameters[0] = row.id();
        Geometry geometry = row.geometry();
        byte[] blob = GeoPackageGeometry.encode(geometry, SRS_ID);
        parameters[1] = blob;
        FieldLayout layout = layout();
        for (int i = 0; i < attributeColumns.length; i++) {
            int column = attributeColumns[i];
            parameters[2 + i] = sqlValue(layout.type(column), values[column]);
        }
        if (blob != null) {
            track(row.id(), geometry);
        }
        batch.size++;
        if (batch.isFull()) {
            loader.submit(batch);
            batch = loader.nextBatch();
        }
    }

    /** The value as sqlite-jdbc binds it ({@code Long}, {@code Double}, {@code String}, {@code Integer} or null). */
    private static Object sqlValue(FieldType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TEXT, JSON -> value;
            case UUID -> value.toString();
            case INTEGER -> value instanceof Long ? value : ((Number) value).longValue();
            case DECIMAL -> {
                double d = ((Number) value).doubleValue();
                yield Double.isFinite(d) ? (Object) d : null;
            }
            case DATE -> ValueFormatter.date((LocalDate) value);
            case TIMESTAMP -> ValueFormatter.timestampMillis((LocalDateTime) value);
            case BOOLEAN -> (Boolean) value ? 1 : 0;
            case GEOMETRY -> throw new IllegalStateException("the geometry field is not a column");
        };
    }

    private void track(long id, Geometry geometry) throws IOException {
        Envelope envelope = geometry.getEnvelopeInternal();
        if (!Double.isFinite(envelope.getMinX()) || !Double.isFinite(envelope.getMaxX())
                || !Double.isFinite(envelope.getMinY()) || !Double.isFinite(envelope.getMaxY())) {
            throw new IllegalArgumentException("row " + id + ": a GeoPackage geometry needs finite coordinates");
        }
        int type = GeoPackageGeometry.typeCode(geometry);
        if (geometryType < 0) {
            geometryType = type;
        } else if (geometryType != type) {
            mixedTypes = true;
        }
        minX = Math.min(minX, envelope.getMinX());
        maxX = Math.max(maxX, envelope.getMaxX());
        minY = Math.min(minY, envelope.getMinY());
        maxY = Math.max(maxY, envelope.getMaxY());
        rtree.add(id, envelope.getMinX(), envelope.getMaxX(), envelope.getMinY(), envelope.getMaxY());
    }

    @Override
    protected WrittenFile finishFile(long rows) throws IOException {
        try {
            loader.submit(batch);
            batch = null;
            loader.finish();
            insert.close();
            connection.commit();
            connection.setAutoCommit(true);
            buildSpatialIndex();
            declareGeometryAndExtent();
            geoPackage.getConnection().setUserVersion(USER_VERSION);
        } catch (SQLException e) {
            throw new IOException("cannot complete GeoPackage " + work, e);
        } finally {
            rtree.close();
            geoPackage.close();
        }
        if (compression == Compression.NONE) {
            try {
                Files.move(work, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(work, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return OutputFile.describe(target, ExportFormat.GPKG, rows);
        }
        OutputFile output = OutputFile.create(target, ExportFormat.GPKG, compression);
        try {
            output.copyFrom(work);
            WrittenFile file = output.finish(rows);
            Files.deleteIfExists(work);
            return file;
        } catch (IOException | RuntimeException e) {
            output.abort();
            throw e;
        }
    }

    /**
     * Creates the R-tree (geopackage-java: extension, virtual table), packs it from the envelopes spooled
     * during the load, then adds the GeoPackage 1.2/1.3 triggers that keep it in step with later edits:
     * geopackage-java deprecates update1 and update3 in favour of 1.4's update5-7, but GDAL 3.6's validator
     * requires update1-4 (and 1.4's set beside update1/3 breaks later edits).
     */
    @SuppressWarnings("deprecation")
    private void buildSpatialIndex() throws IOException, SQLException {
        RTreeIndexExtension extension = new RTreeIndexExtension(geoPackage);
        extension.getOrCreate(table, geometryColumn);
        extension.createRTreeIndex(table, geometryColumn);
        connection.setAutoCommit(false);
        rtree.write(connection, "rtree_" + table + "_" + geometryColumn, new double[]{minX, maxX, minY, maxY});
        connection.commit();
        connection.setAutoCommit(true);
        extension.createInsertTrigger(table, geometryColumn, fidColumn);
        extension.createUpdate1Trigger(table, geometryColumn, fidColumn);
        extension.createUpdate2Trigger(table, geometryColumn, fidColumn);
        extension.createUpdate3Trigger(table, geometryColumn, fidColumn);
        extension.createUpdate4Trigger(table, geometryColumn, fidColumn);
        extension.createDeleteTrigger(table, geometryColumn, fidColumn);
    }

    /**
     * Declares the geometry type now that every row is known (in {@code gpkg_geometry_columns} and in the
     * table's SQL, which GDAL's validator compares) and records the true extent in {@code gpkg_contents}.
     */
    private void declareGeometryAndExtent() throws SQLException {
        int declared = geometryType < 0 || mixedTypes ? 0 : geometryType;
        String typeName = GeoPackageGeometry.typeName(declared);
        connection.setAutoCommit(false);
        try {
            if (declared != 0) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE gpkg_geometry_columns SET geometry_type_name = ? WHERE table_name = ? AND column_name = ?")) {
                    update.setString(1, typeName);
                    update.setString(2, table);
                    update.setString(3, geometryColumn);
                    update.executeUpdate();
                }
                redeclareColumnType(typeName);
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE gpkg_contents SET min_x = ?, "
                    + "min_y = ?, max_x = ?, max_y = ?, last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                    + "WHERE table_name = ?")) {
                boolean any = geometryType >= 0;
                for (int i = 1; i <= 4; i++) {
                    if (!any) {
                        update.setNull(i, Types.DOUBLE);
                    }
                }
                if (any) {
                    update.setDouble(1, minX);
                    update.setDouble(2, minY);
                    update.setDouble(3, maxX);
                    update.setDouble(4, maxY);
                }
                update.setString(5, table);
                update.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Changes the declared type of the geometry column in the table's SQL, as SQLite documents for schema
     * changes that leave the stored content untouched (ALTER TABLE, "making other kinds of table schema
     * changes"): the column holds blobs, which no type affinity converts.
     */
    private void redeclareColumnType(String typeName) throws SQLException {
        String sql;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            select.setString(1, table);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("table " + table + " is missing");
                }
                sql = result.getString(1);
            }
        }
        Matcher column = Pattern.compile(Pattern.quote(quote(geometryColumn) + " GEOMETRY") + "(?![A-Za-z0-9_])")
                .matcher(sql);
        if (!column.find()) {
            throw new IllegalStateException("cannot find the geometry column in " + sql);
        }
        String redeclared = sql.substring(0, column.start()) + quote(geometryColumn) + " " + typeName
                + sql.substring(column.end());
        int schemaVersion;
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA schema_version")) {
            result.next();
            schemaVersion = result.getInt(1);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA writable_schema = ON");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?")) {
                update.setString(1, redeclared);
                update.setString(2, table);
                update.executeUpdate();
            }
            statement.execute("PRAGMA schema_version = " + (schemaVersion + 1));
            statement.execute("PRAGMA writable_schema = OFF");
        }
    }

    @Override
    protected void abortFile() {
        loader.abort();
        rtree.close();
        try {
            insert.close();
        } catch (SQLException | RuntimeException ignored) {
            // closing the GeoPackage releases it too
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException ignored) {
            // the file is deleted below
        }
        try {
            geoPackage.close();
        } catch (RuntimeException ignored) {
            // the file is deleted below
        }
        try {
            Files.deleteIfExists(work);
            Files.deleteIfExists(journalOf(work));
        } catch (IOException ignored) {
            // nothing more can be done
        }
    }
}
