package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.rules.SensitivityRules;

/**
 * The area index (communes, grid cells, départements of {@code ref_geo.l_areas}: the area types of the
 * rules' degraded levels, and communes) that a process degrades or classifies records with: the worker's
 * exports and the request-service's estimates by level. Loaded once, and again only when the areas
 * change: each use asks with a cheap fingerprint query (count and latest modification of the areas,
 * {@link AreaLoader#fingerprint}), so a change of the reference areas is picked up by the next use.
 * Thread-safe (one load at a time).
 */
public final class AreaIndexCache {

    private static final Logger LOG = Logger.getLogger(AreaIndexCache.class.getName());

    private final Set<String> typeCodes;
    private AreaIndex index;
    private String fingerprint;

    /** A cache of the areas these rules degrade to. */
    public AreaIndexCache(SensitivityRules rules) {
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
            String what = fingerprint == null ? "built" : "refreshed";
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info(() -> String.format("area index %s: %d areas of types %s loaded in %d ms (fingerprint %s)", what,
                    areas.size(), typeCodes, millis, now));
            fingerprint = now;
        }
        return index;
    }
}
