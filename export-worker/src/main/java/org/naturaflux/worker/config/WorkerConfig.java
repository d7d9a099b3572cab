package org.naturaflux.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.naturaflux.model.sensitivity.DiffusionLevel;

/**
 * The worker's settings ({@code naturaflux.*}), each overridable by environment
 * ({@code NATURAFLUX_S3_BUCKET} for {@code naturaflux.s3.bucket}, and so on). The Kafka channels
 * ({@code mp.messaging.*}) are configured in {@code application.properties}.
 */
@ConfigMapping(prefix = "naturaflux")
public interface WorkerConfig {

    /**
     * The process's name on the local stack ({@code -Dnaturaflux.component=worker-1}, set by
     * deploy/local), the default worker id; absent elsewhere. Declared so that the mapping of the
     * {@code naturaflux} prefix accepts it.
     */
    java.util.Optional<String> component();

    Worker worker();

    Source source();

    S3 s3();

    Export export();

    Retry retry();

    Publication publication();

    Sensitivity sensitivity();

    /** A field catalogue JSON file replacing the bundled one (the request-service must use the same). */
    @WithName("field-catalogue")
    Optional<Path> fieldCatalogue();

    /** This process. */
    interface Worker {
        /** The worker's name in events, manifests and logs; default: host name and process id. */
        Optional<String> id();

        /**
         * Exports run at once by this process; also the number of Kafka consumers of the command channel
         * (each consumes its partitions in order). Default 1.
         */
        @WithDefault("1")
        int concurrency();

        /**
         * On SIGTERM, how long a running export may go on before it is aborted (staging cleaned, its
         * command left uncommitted so that another worker redoes it). Keep it below the pod's
         * termination grace period. Default 20 s.
         */
        @WithDefault("20s")
        Duration shutdownGrace();
    }

    /** The observation source (GeoNature), read-only through source-lib. */
    interface Source {
        String url();

        String user();

        /** The password (none for trust or peer authentication). */
        Optional<String> password();

        /** Timeout of the readiness check's connection and query. Default 3 s. */
        @WithDefault("3s")
        Duration healthTimeout();
    }

    /** The object storage (S3 / MinIO). */
    interface S3 {
        String endpoint();

        @WithDefault("us-east-1")
        String region();

        String accessKey();

        String secretKey();

        String bucket();

        /**
         * A prefix before every key the worker writes ({@code <prefix>fluxes/...}); empty by default.
         * Lets several platforms (or test runs) share a bucket.
         */
        Optional<String> keyPrefix();

        /** Multipart part size: files above it are uploaded in parts of this size. Default 16 MiB (min 5 MiB). */
        @WithDefault("16777216")
        long partSize();

        /**
         * Whether the streaming formats (CSV, JSON, GeoJSON) are uploaded part by part while they are
         * written (multipart upload of each part once on disk), rather than after writing. Default true.
         */
        @WithDefault("true")
        boolean uploadWhileWriting();

        /**
         * Executions whose lease is older than this are resolved by the periodic sweep (what killed workers
         * left: their files unless committed, their incomplete multipart uploads), and the earlier
         * layout's staging objects older than this are deleted. Must exceed the longest export. Default 6 h.
         */
        @WithDefault("6h")
        Duration stagingMaxAge();
    }

    /** How an export runs. */
    interface Export {
        /** The scratch directory for files being written (a pod's emptyDir). Default {@code java.io.tmpdir}/naturaflux-worker. */
        Optional<Path> scratchDir();

        /** The files' base name: {@code <base>.csv}, {@code <base>.gpkg}... Default {@code observations}. */
        @WithDefault("observations")
        String fileBaseName();

        /** A PROGRESS event every this many rows... Default 10,000. */
        @WithDefault("10000")
        long progressRows();

        /** ...or after this long, whichever comes first. Default 5 s. */
        @WithDefault("5s")
        Duration progressInterval();

        /** Whether to count the rows first, so that PROGRESS events carry a total. Default true. */
        @WithDefault("true")
        boolean countTotal();

        /**
         * Batches of 256 rows a reading thread fetches ahead of the export thread, so that the database
         * and the driver work while the rows are degraded and written; 0 reads on the export thread.
         * Default 8.
         */
        @WithDefault("8")
        int prefetchBatches();
    }

    /** Retries of transient failures (database, S3, broker) within one delivery of a command. */
    interface Retry {
        /** Attempts in all, the first included. Default 4. */
        @WithDefault("4")
        int maxAttempts();

        /** Pause before the second attempt; doubled each time. Default 2 s. */
        @WithDefault("2s")
        Duration initialBackoff();

        /** Longest pause. Default 30 s. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    /** What every manifest tells the partner about the data's terms. */
    interface Publication {
        @WithDefault("Licence Ouverte / Open Licence version 2.0 (Etalab)")
        String licence();

        @WithDefault("Données issues de la plateforme régionale du SINP, extraites par Naturaflux")
        String citation();
    }

    /** The platform's sensitivity settings (see sensitivity-lib's SensitivityRules). */
    interface Sensitivity {
        /** Level of a record whose SENSIBILITE is NULL. Default WITHHELD. */
        @WithDefault("WITHHELD")
        DiffusionLevel missingSensitivity();

        /** Restriction meant by NIV_PRECIS 0 "Standard". Default PRECISE (none). */
        @WithDefault("PRECISE")
        DiffusionLevel producerStandard();

        /** Restriction meant by NIV_PRECIS 5 "Précise". Default PRECISE (none). */
        @WithDefault("PRECISE")
        DiffusionLevel producerPrecise();

        /** Restriction meant by a NULL NIV_PRECIS. Default PRECISE (none). */
        @WithDefault("PRECISE")
        DiffusionLevel producerMissing();

        /** Area type of the COMMUNE level. Default COM. */
        @WithDefault("COM")
        String communeAreaType();

        /** Area type of the GRID level (M1, M5, M10). Default M10. */
        @WithDefault("M10")
        String gridAreaType();

        /** Area type of the DEPARTEMENT level. Default DEP. */
        @WithDefault("DEP")
        String departementAreaType();

        /** How far (metres) a geometry may stick out of its areas and still be degraded. Default 1. */
        @WithDefault("1.0")
        double coverageTolerance();
    }
}
