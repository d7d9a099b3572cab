package org.naturaflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.ListObjectsArgs;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The private servers survive what the fault tests do to them: committed data outlives a crash. */
class PrivateServersTest {

    @Test
    void privatePostgresKeepsCommittedRowsAcrossACrashAndServesIsolatedPostgisDatabases() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start("servers-test");
             IsolatedDatabase database = IsolatedDatabase.create(pg.stack(), "crash")) {
            try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE kept (geom geometry(Point, 4326))");
                sql.execute("INSERT INTO kept VALUES (ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326))");
                pg.crash();
                assertThat(pg.isRunning()).isFalse();
                assertThatThrownBy(() -> sql.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
            }
            pg.start();
            database.grantReadOnly(PrivatePostgres.READER);
            try (Connection reader = java.sql.DriverManager.getConnection(database.jdbcUrl(), PrivatePostgres.READER,
                    pg.password()); ResultSet rows = reader.createStatement().executeQuery("SELECT ST_AsText(geom) FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("POINT(2.35 48.85)");
            }
        }
    }

    @Test
    void privateS3ProxyRefusesWhileKilledAndServesItsObjectsWhenStartedAgain() throws Exception {
        try (PrivateS3Proxy s3 = PrivateS3Proxy.start("servers-test"); MinioClient client = s3.client()) {
            byte[] body = "kept".getBytes(StandardCharsets.UTF_8);
            String bucket = s3.variables().get("NATURAFLUX_S3_BUCKET");
            client.putObject(PutObjectArgs.builder().bucket(bucket).object("a/b.txt")
                    .stream(new ByteArrayInputStream(body), body.length, -1).build());
            s3.kill();
            assertThatThrownBy(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object("a/b.txt").build()))
                    .isInstanceOf(java.io.IOException.class);
            s3.start();
            try (var in = client.getObject(GetObjectArgs.builder().bucket(bucket).object("a/b.txt").build())) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
        }
    }

    /**
     * A part torn by a kill (its bytes written, its extended attributes not) makes S3Proxy's every listing of
     * the bucket fail; started again, the private proxy has discarded it, as a real server never keeps a part
     * it did not answer, and lists the bucket.
     */
    @Test
    void privateS3ProxyDiscardsAPartTornByAKill() throws Exception {
        try (PrivateS3Proxy s3 = PrivateS3Proxy.start("torn-part"); MinioClient client = s3.client()) {
            byte[] body = "kept".getBytes(StandardCharsets.UTF_8);
            String bucket = s3.variables().get("NATURAFLUX_S3_BUCKET");
            client.putObject(PutObjectArgs.builder().bucket(bucket).object("a/b.txt")
                    .stream(new ByteArrayInputStream(body), body.length, -1).build());
            Path torn = s3.dataDirectory().resolve(bucket).resolve(".mpus-" + UUID.randomUUID() + "-staging/run/1/part-1");
            Files.createDirectories(torn.getParent());
            Files.write(torn, new byte[4096]);
            assertThatThrownBy(() -> keys(client, bucket)).as("S3Proxy listing a bucket that holds a torn part")
                    .hasMessageContaining("extended attribute");
            s3.kill();
            s3.start();
            assertThat(torn).doesNotExist();
            assertThat(keys(client, bucket)).containsExactly("a/b.txt");
        }
    }

    private static List<String> keys(MinioClient client, String bucket) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }
}
