package org.naturaflux.format.gpkg;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import org.naturaflux.format.AbstractFormatWriter;
import org.naturaflux.format.CompanionTable;
import org.naturaflux.format.EncodedGeometries;
import org.naturaflux.format.FieldLayout;
import org.naturaflux.format.FileSink;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
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
 *       R-tree ({@code SpatialIndex}, {@code PackedRTree}), with the GeoPackage 1.2/1.3 trigger set that
 *       GDAL 3.6 checks, so that later edits (QGIS, GDAL) keep it in step; {@code PRAGMA user_version}
 *       10300.</li>
 *   <li>Companion tables ({@link #addTable}), each a non-spatial table registered in {@code gpkg_contents}
 *       with data type {@code attributes}, its columns typed as above, after an {@code id} primary key.</li>
 * </ul>
 *
 * <p>How: this class opens, orders and finishes; three package-private classes do the work.
 * geopackage-java creates the structure (file, SRS, table with the columns of {@code GeoPackageSchema},
 * contents); {@code FeatureRows} loads the rows with batched prepared inserts in one transaction on its
 * JDBC connection (journal off, 64 KiB pages, SQLite's temporary data in memory), run by a loader thread
 * ({@code BatchLoader}) while the caller prepares the next rows, with geometry blobs encoded by
 * {@code GeoPackageGeometry}; then {@code SpatialIndex} builds the R-tree (extension, virtual table,
 * triggers) and {@code GeoPackageSchema} rewrites the geometry column's type and the extent from what
 * the rows had. The file is built under a temporary name (a hidden file next to the target, or in
 * {@link WriterSettings#tempDirectory()} when it is to be compressed) and moved or compressed into place
 * by {@link #finish()}. Insert failures (a duplicate id) surface at a later {@code write} or at
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
    private final GeoPackageSchema schema;
    private final GeoPackage geoPackage;
    private final Connection connection;
    private final SpatialIndex index;
    private final FeatureRows rows;
    private final List<CompanionTable> tables = new ArrayList<>();

    private GeoPackageWriter(FieldLayout layout, Path target, Path work, Compression compression,
                             GeoPackageSchema schema, GeoPackage geoPackage, Connection connection,
                             FeatureRows rows, SpatialIndex index) {
        super(ExportFormat.GPKG, layout);
        this.target = target;
        this.work = work;
        this.compression = compression;
        this.schema = schema;
        this.geoPackage = geoPackage;
        this.connection = connection;
        this.index = index;
        this.rows = rows;
    }

    /**
     * Creates the GeoPackage's structure and opens the load.
     *
     * @param target   the uncompressed file's path ({@code .gz} or {@code .zip} is appended when compressed)
     * @param layout   the export's fields
     * @param options  the flux's options (compression)
     * @param settings the layer name, the temporary directory and the geometry cache's bounds
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
        GeoPackageSchema schema = GeoPackageSchema.of(layout, settings.layerName());

        GeoPackage geoPackage = null;
        SpatialIndex index = null;
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
            schema.createTable(geoPackage);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = OFF");
                statement.execute("PRAGMA synchronous = OFF");
                statement.execute("PRAGMA cache_size = -" + CACHE_KIB);
            }
            connection.setAutoCommit(false);
            PreparedStatement insert = connection.prepareStatement(schema.insertSql());
            index = new SpatialIndex(settings.tempDirectory());
            FeatureRows rows = new FeatureRows(layout, schema, insert, index, BATCH_ROWS,
                    EncodedGeometries.of(settings, blob -> blob.length));
            return new GeoPackageWriter(layout, target, work, compression, schema, geoPackage, connection, rows,
                    index);
        } catch (SQLException e) {
            discard(geoPackage, work, index);
            throw new IOException("cannot create GeoPackage " + work, e);
        } catch (IOException | RuntimeException e) {
            discard(geoPackage, work, index);
            throw e;
        }
    }

    private static void discard(GeoPackage geoPackage, Path work, SpatialIndex index) throws IOException {
        if (index != null) {
            index.close();
        }
        if (geoPackage != null) {
            geoPackage.close();
        }
        Files.deleteIfExists(work);
        Files.deleteIfExists(journalOf(work));
    }

    private static Path journalOf(Path database) {
        return database.resolveSibling(database.getFileName() + "-journal");
    }

    @Override
    protected void writeRow(ObservationRow row, Object[] values) throws IOException {
        rows.write(row, values);
    }

    /**
     * Adds a non-spatial table ({@code gpkg_contents} data type {@code attributes}), written when the file
     * is finished, after the features.
     */
    @Override
    public boolean addTable(CompanionTable table) {
        Objects.requireNonNull(table, "table");
        requireOpen();
        String name = table.name().toLowerCase(Locale.ROOT);
        if (name.equals(schema.table().toLowerCase(Locale.ROOT)) || name.startsWith("gpkg_") || name.startsWith("rtree_")
                || tables.stream().anyMatch(t -> t.name().equals(table.name()))) {
            throw new IllegalArgumentException("the GeoPackage cannot hold a table named " + table.name());
        }
        tables.add(table);
        return true;
    }

    /** The CPU time of the insert thread ({@code BatchLoader}), once the file is finished or the writer closed. */
    @Override
    public long helperThreadsCpuNanos() {
        return rows.loaderCpuNanos();
    }

    @Override
    protected WrittenFile finishFile(long rowCount) throws IOException {
        try {
            rows.finish();
            connection.commit();
            connection.setAutoCommit(true);
            index.build(geoPackage, connection, schema, rows.extent());
            schema.declareGeometryAndExtent(connection, rows.extent());
            for (CompanionTable table : tables) {
                AttributesTables.write(geoPackage, connection, table);
            }
            geoPackage.getConnection().setUserVersion(USER_VERSION);
        } catch (SQLException e) {
            throw new IOException("cannot complete GeoPackage " + work, e);
        } finally {
            index.close();
            geoPackage.close();
        }
        if (compression == Compression.NONE) {
            try {
                Files.move(work, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(work, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return FileSink.describe(target, ExportFormat.GPKG, rowCount);
        }
        FileSink output = FileSink.create(target, ExportFormat.GPKG, compression);
        try {
            output.copyFrom(work);
            WrittenFile file = output.finish(rowCount);
            Files.deleteIfExists(work);
            return file;
        } catch (IOException | RuntimeException e) {
            output.abort();
            throw e;
        }
    }

    @Override
    protected void abortFile() {
        rows.abort();
        index.close();
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
