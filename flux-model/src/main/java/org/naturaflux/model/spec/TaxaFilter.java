package org.naturaflux.model.spec;

import java.util.List;

/**
 * The taxa of a flux: INPN groups (matched against {@code group1_inpn}, {@code group2_inpn} and
 * {@code group3_inpn}) and/or TAXREF reference codes, each with all its descendants through
 * {@code cd_sup}. A record matches when it matches any group or any taxon. Both empty means every
 * taxon.
 */
public record TaxaFilter(List<String> groups, List<Integer> cdRefs) {
    public TaxaFilter {
        groups = groups == null ? List.of() : List.copyOf(groups);
        cdRefs = cdRefs == null ? List.of() : List.copyOf(cdRefs);
    }

    /** Every taxon. */
    public static TaxaFilter all() {
        return new TaxaFilter(List.of(), List.of());
    }

    public boolean isAll() {
        return groups.isEmpty() && cdRefs.isEmpty();
    }
}
