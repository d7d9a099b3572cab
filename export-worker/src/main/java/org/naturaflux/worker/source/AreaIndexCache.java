package org.naturaflux.worker.source;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.reference.AreaLoader;

/**
 * The area index (communes, grid cells, départements of {@code ref_geo.l_areas}) shared by the
 * worker's exports: loaded once, and again only when the areas change. Each export asks for it with a
 * cheap fingerprint query (count and latest modification of the areas, source-lib's
 * {@link AreaLoader#fingerprint}), so a change of the reference areas is picked up by the next export.
 */
@ApplicationScoped
public class AreaIndexCache {

    private static final Logger LOG = Logger.getLogger(AreaIndexCache.class);

    private final Set<String> typeCodes;
    private AreaIndex index;
    private String fingerprint;

    AreaIndexCache(SensitivityRules rules) {
        Set<String> types = new LinkedHashSet<>();
        for (DiffusionLevel level : DiffusionLevel.values()) {
            if (level.isDegraded()) {
                types.add(rules.areaTypeCode(level));
            }
        }
        types.add(rules.communeTypeCode());
        this.typeCodes = Set.copyOf(types);
    }

    /** The index of the areas as they are now in the source. */
    public synchronized AreaIndex current(Connection connection) throws SQLException {
        String now = AreaLoader.fingerprint(connection, typeCodes);
        if (index == null || !now.equals(fingerprint)) {
            long started = System.nanoTime();
            List<ReferenceArea> areas = AreaLoader.load(connection, typeCodes);
            index = AreaIndex.of(areas);
            LOG.infof("area index %s: %d areas of types %s loaded in %d ms (fingerprint %s)",
                    fingerprint == null ? "built" : "refreshed", areas.size(), typeCodes,
                    (System.nanoTime() - started) / 1_000_000, now);
            fingerprint = now;
        }
        return index;
    }
}
