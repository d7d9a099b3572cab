package org.naturaflux.worker.scratch;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.naturaflux.worker.config.WorkerConfig;

/**
 * The local disk the files are written to before upload (a pod's emptyDir): one folder per process,
 * held by a file lock, one sub-folder per export execution, deleted when it ends. At start, the
 * folders of dead processes (whose lock is free: a killed worker) are deleted, so a crash leaves no
 * disk behind even when several workers share the directory.
 */
@Startup
@ApplicationScoped
public class ScratchSpace {

    private static final Logger LOG = Logger.getLogger(ScratchSpace.class);
    private static final String PROCESS_PREFIX = "worker-";
    private static final String LOCK = ".lock";

    private final Path root;
    private final Path processDirectory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    ScratchSpace(WorkerConfig config) {
        this.root = config.export().scratchDir()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "naturaflux-worker")).toAbsolutePath();
        try {
            Files.createDirectories(root);
            removeDeadProcesses();
            this.processDirectory = Files.createTempDirectory(root, PROCESS_PREFIX + ProcessHandle.current().pid() + "-");
            this.lockChannel = FileChannel.open(processDirectory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.lock = lockChannel.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the scratch directory " + root, e);
        }
        // sqlite-jdbc (GeoPackage) extracts its native library there, not in a possibly read-only /tmp.
        if (System.getProperty("org.sqlite.tmpdir") == null) {
            System.setProperty("org.sqlite.tmpdir", processDirectory.toString());
        }
        LOG.infof("scratch directory %s", processDirectory);
    }

    /** A new empty folder for one execution. */
    public Path newExecutionDirectory(String executionId) throws IOException {
        return Files.createDirectory(processDirectory.resolve(executionId));
    }

    /** Deletes an execution's folder and everything in it; never throws. */
    public void delete(Path directory) {
        try {
            deleteTree(directory);
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not delete scratch folder %s: %s", directory, e.getMessage());
        }
    }

    /** This process's folder. */
    public Path processDirectory() {
        return processDirectory;
    }

    @PreDestroy
    void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.debugf("releasing the scratch lock: %s", e.getMessage());
        }
        delete(processDirectory);
    }

    private void removeDeadProcesses() throws IOException {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, PROCESS_PREFIX + "*")) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder) && ownerIsGone(folder)) {
                    LOG.infof("removing scratch folder %s left by a stopped worker", folder);
                    delete(folder);
                }
            }
        }
    }

    private static boolean ownerIsGone(Path folder) {
        Path lockFile = folder.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            // A process creates its lock right after its folder: only an old folder without one is orphaned.
            try {
                return Files.getLastModifiedTime(folder).toInstant().isBefore(java.time.Instant.now().minusSeconds(60));
            } catch (IOException e) {
                return false;
            }
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
