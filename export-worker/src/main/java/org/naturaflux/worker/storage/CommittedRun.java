package org.naturaflux.worker.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.storage.Manifest;

/**
 * A run whose manifest is in the bucket.
 *
 * @param manifest         the manifest
 * @param manifestArtifact the manifest object as an artifact (its size and SHA-256)
 */
public record CommittedRun(Manifest manifest, Artifact manifestArtifact) {
    public CommittedRun {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(manifestArtifact, "manifestArtifact");
    }

    /** Every published object: the files, then the manifest. */
    public List<Artifact> artifacts() {
        List<Artifact> artifacts = new ArrayList<>(manifest.fileArtifacts());
        artifacts.add(manifestArtifact);
        return artifacts;
    }
}
