package org.naturaflux.source.status;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.naturaflux.source.query.ExportQuery;

/**
 * The statuses of taxa in TAXREF's BDC statuts, loaded once (for an export: under its snapshot) and
 * resolved in memory for each record, without a spatial join per row.
 *
 * <p><b>What is loaded</b> ({@link #load}): the values of the enabled texts of the requested types, by
 * the taxon's {@code cd_ref}, exactly as GeoNature's {@code taxonomie.v_bdc_status} joins them
 * ({@code bdc_statut_taxons} → {@code bdc_statut_cor_text_values} → {@code bdc_statut_text} with
 * {@code enable = true} → {@code bdc_statut_values} and {@code bdc_statut_type}), each text with the
 * départements it is linked to ({@code bdc_statut_cor_text_area}, areas of type DEP, as TaxHub links
 * them: a national text to every département, a regional one to those of its région). Only the texts
 * linked to one of the given départements are kept (the flux's territory), and only the given taxa
 * when some are given. A synonym's record is resolved by its accepted {@code cd_ref}.
 *
 * <p><b>Which statuses apply to a record</b> ({@link #applicable}): those of its {@code cd_ref} whose
 * text is valid in <em>every</em> département of the record's exported extent
 * ({@link ExtentDepartements}): a record degraded to a 10 km cell across two départements gets a
 * departmental status of neither, so that no status locates it more precisely than its level. A record
 * whose extent meets no known département gets none.
 *
 * <p>Immutable once loaded, safe to share between threads; the resolutions of a (taxon, départements)
 * pair are cached (bounded).
 */
public final class TaxonStatuses {

    /** The area type BDC texts are linked to ({@code bib_areas_types.type_code}). */
    public static final String DEPARTEMENT_TYPE = "DEP";

    /** Between several values of one type: TaxHub's display of each, sorted, joined by this. */
    public static final String VALUE_SEPARATOR = " ; ";

    private static final int MAX_CACHED = 20_000;
    private static final Comparator<TaxonStatus> ORDER = Comparator.comparing(TaxonStatus::type)
            .thenComparing(TaxonStatus::code).thenComparingInt(TaxonStatus::textId);

    private static final String TEXTS = "SELECT t.id_text, t.cd_type_statut, t.full_citation, t.lb_adm_tr, ty.lb_type_statut,"
            + " t.doc_url, array_agg(a.id_area::bigint ORDER BY a.id_area) AS ids, array_agg(a.area_code ORDER BY a.area_code) AS codes"
            + " FROM taxonomie.bdc_statut_text t"
            + " JOIN taxonomie.bdc_statut_type ty ON ty.cd_type_statut = t.cd_type_statut"
            + " JOIN taxonomie.bdc_statut_cor_text_area ta ON ta.id_text = t.id_text"
            + " JOIN ref_geo.l_areas a ON a.id_area = ta.id_area"
            + " JOIN ref_geo.bib_areas_types at ON at.id_type = a.id_type AND at.type_code = '" + DEPARTEMENT_TYPE + "'"
            + " WHERE t.enable = true AND t.cd_type_statut = ANY (?)"
            + " GROUP BY t.id_text, t.cd_type_statut, t.full_citation, t.lb_adm_tr, ty.lb_type_statut, t.doc_url"
            + " HAVING cardinality(?::bigint[]) = 0 OR bool_or(a.id_area = ANY (?::bigint[]))";

    /** The taxa having a value of one of these texts: the candidates a flux's taxa filter is applied to. */
    private static final String TAXA_OF_TEXTS = "SELECT DISTINCT s.cd_ref"
            + " FROM taxonomie.bdc_statut_taxons s"
            + " JOIN taxonomie.bdc_statut_cor_text_values c ON c.id_value_text = s.id_value_text"
            + " WHERE c.id_text = ANY (?)";

    private static final String VALUES = "SELECT DISTINCT s.cd_ref, c.id_text, v.code_statut, v.label_statut"
            + " FROM taxonomie.bdc_statut_taxons s"
            + " JOIN taxonomie.bdc_statut_cor_text_values c ON c.id_value_text = s.id_value_text"
            + " JOIN taxonomie.bdc_statut_values v ON v.id_value = c.id_value"
            + " WHERE c.id_text = ANY (?) AND (?::int[] IS NULL OR s.cd_ref = ANY (?::int[]))";

    /** Which taxa of the BDC a run may write (a flux's taxa filter): {@code null} for every taxon. */
    @FunctionalInterface
    public interface TaxaScope {
        /** Every taxon. */
        TaxaScope ALL = (connection, candidates) -> null;

        /**
         * Those of {@code candidates} ({@code cd_ref}s having a status of the loaded texts) the run may
         * write, in the caller's transaction; null when every one.
         */
        Set<Integer> among(Connection connection, Set<Integer> candidates) throws SQLException;

        /** A flux's taxa filter, as its export query applies it ({@link ExportQuery#taxaAmong}). */
        static TaxaScope of(ExportQuery query) {
            return query.everyTaxon() ? ALL : query::taxaAmong;
        }
    }

    /** Taxa given by their {@code cd_ref}s: no candidate to read. */
    private record Given(Set<Integer> cdRefs) implements TaxaScope {
        @Override
        public Set<Integer> among(Connection connection, Set<Integer> candidates) {
            Set<Integer> kept = new HashSet<>(candidates);
            kept.retainAll(cdRefs);
            return kept;
        }
    }

    /** No status at all (a territory that reaches no département). */
    public static TaxonStatuses none() {
        return new TaxonStatuses(Map.of());
    }

    private record Text(int id, StatusType type, String typeLabel, String citation, String adminArea, String url,
                        long[] areaIds, List<String> areaCodes) {
        boolean validInAll(long[] departements) {
            for (long d : departements) {
                if (Arrays.binarySearch(areaIds, d) < 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Held(Text text, TaxonStatus status) {
    }

    private record Key(int cdRef, long[] departements) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && cdRef == other.cdRef && Arrays.equals(departements, other.departements);
        }

        @Override
        public int hashCode() {
            return cdRef * 31 + Arrays.hashCode(departements);
        }
    }

    private final Map<Integer, List<Held>> byTaxon;
    private final Map<Key, Map<StatusType, String>> cache = new ConcurrentHashMap<>();

    private TaxonStatuses(Map<Integer, List<Held>> byTaxon) {
        this.byTaxon = byTaxon;
    }

    /**
     * Loads the statuses of these types, of the texts linked to at least one of {@code departementIds}
     * ({@code id_area} of DEP areas; every text when empty), for the taxa {@code cdRefs} (every taxon
     * when null), in the caller's transaction (the export's snapshot).
     */
    public static TaxonStatuses load(Connection connection, Set<StatusType> types, Collection<Long> departementIds,
                                     Collection<Integer> cdRefs) throws SQLException {
        return load(connection, types, departementIds, cdRefs == null ? TaxaScope.ALL : new Given(Set.copyOf(cdRefs)));
    }

    /**
     * Loads the statuses of these types, of the texts linked to at least one of {@code departementIds}
     * (every text when empty), for the taxa among those texts' that {@code taxa} keeps (a flux's taxa
     * filter, applied once to the candidates, not to the whole BDC), in the caller's transaction.
     */
    public static TaxonStatuses load(Connection connection, Set<StatusType> types, Collection<Long> departementIds,
                                     TaxaScope taxa) throws SQLException {
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(departementIds, "departementIds");
        Objects.requireNonNull(taxa, "taxa");
        if (types.isEmpty()) {
            return new TaxonStatuses(Map.of());
        }
        Map<Integer, Text> texts = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement(TEXTS)) {
            st.setArray(1, connection.createArrayOf("varchar", types.stream().map(StatusType::bdcCode).toArray()));
            Array departements = connection.createArrayOf("bigint", departementIds.toArray());
            st.setArray(2, departements);
            st.setArray(3, departements);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Long[] ids = (Long[]) rs.getArray(7).getArray();
                    String[] codes = (String[]) rs.getArray(8).getArray();
                    long[] sorted = Arrays.stream(ids).mapToLong(Long::longValue).toArray();
                    Text text = new Text(rs.getInt(1), StatusType.valueOf(rs.getString(2)), rs.getString(5), rs.getString(3),
                            rs.getString(4), rs.getString(6), sorted,
                            List.of(new TreeSet<>(Arrays.asList(codes)).toArray(String[]::new)));
                    texts.put(text.id(), text);
                }
            }
        }
        Map<Integer, List<Held>> byTaxon = new HashMap<>();
        if (!texts.isEmpty()) {
            Array textIds = connection.createArrayOf("integer", texts.keySet().toArray());
            Set<Integer> kept = taxa == TaxaScope.ALL ? null : taxa instanceof Given given ? given.cdRefs()
                    : taxa.among(connection, candidates(connection, textIds));
            if (kept == null || !kept.isEmpty()) {
                try (PreparedStatement st = connection.prepareStatement(VALUES)) {
                    st.setArray(1, textIds);
                    Array taxaArray = kept == null ? null : connection.createArrayOf("integer", kept.toArray());
                    st.setArray(2, taxaArray);
                    st.setArray(3, taxaArray);
                    st.setFetchSize(10_000);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            Text text = texts.get(rs.getInt(2));
                            TaxonStatus status = new TaxonStatus(rs.getInt(1), text.type(), text.typeLabel(), rs.getString(3),
                                    rs.getString(4), text.id(), text.citation(), text.adminArea(), text.url(), text.areaCodes());
                            byTaxon.computeIfAbsent(status.cdRef(), k -> new ArrayList<>()).add(new Held(text, status));
                        }
                    }
                }
            }
        }
        byTaxon.replaceAll((cdRef, list) -> {
            list.sort(Comparator.comparing(Held::status, ORDER));
            return List.copyOf(list);
        });
        return new TaxonStatuses(Map.copyOf(byTaxon));
    }

    private static Set<Integer> candidates(Connection connection, Array textIds) throws SQLException {
        Set<Integer> candidates = new HashSet<>();
        try (PreparedStatement st = connection.prepareStatement(TAXA_OF_TEXTS)) {
            st.setArray(1, textIds);
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getInt(1));
                }
            }
        }
        return candidates;
    }

    /** The number of (taxon, status) rows loaded: what the load holds in memory. */
    public int size() {
        int size = 0;
        for (List<Held> held : byTaxon.values()) {
            size += held.size();
        }
        return size;
    }

    /** The taxa ({@code cd_ref}) with at least one loaded status. */
    public Set<Integer> taxa() {
        return byTaxon.keySet();
    }

    /** Every loaded status of a taxon (whatever the départements), sorted by type, code and text. */
    public List<TaxonStatus> statusesOf(int cdRef) {
        List<Held> held = byTaxon.get(cdRef);
        if (held == null) {
            return List.of();
        }
        List<TaxonStatus> out = new ArrayList<>(held.size());
        held.forEach(h -> out.add(h.status()));
        return out;
    }

    /**
     * The statuses of the taxon {@code cdRef} valid in every one of {@code departementIds} (DEP
     * {@code id_area}s, the départements of a record's exported extent), sorted by type, code and text;
     * none when {@code departementIds} is empty.
     */
    public List<TaxonStatus> applicable(int cdRef, long[] departementIds) {
        List<Held> held = byTaxon.get(cdRef);
        if (held == null || departementIds.length == 0) {
            return List.of();
        }
        List<TaxonStatus> out = new ArrayList<>();
        for (Held h : held) {
            if (h.text().validInAll(departementIds)) {
                out.add(h.status());
            }
        }
        return out;
    }

    /**
     * The value of each type for a record ({@link #applicable}): the distinct displays
     * ({@link TaxonStatus#display()}, {@code code - label}) of its statuses of that type, sorted, joined by
     * {@value #VALUE_SEPARATOR}; a type without status is absent from the map.
     */
    public Map<StatusType, String> values(int cdRef, long[] departementIds) {
        if (!byTaxon.containsKey(cdRef) || departementIds.length == 0) {
            return Map.of();
        }
        Key key = new Key(cdRef, departementIds);
        Map<StatusType, String> values = cache.get(key);
        if (values == null) {
            Map<StatusType, Set<String>> displays = new EnumMap<>(StatusType.class);
            for (TaxonStatus status : applicable(cdRef, departementIds)) {
                displays.computeIfAbsent(status.type(), t -> new TreeSet<>()).add(status.display());
            }
            Map<StatusType, String> joined = new EnumMap<>(StatusType.class);
            displays.forEach((type, set) -> joined.put(type, String.join(VALUE_SEPARATOR, new LinkedHashSet<>(set))));
            values = joined.isEmpty() ? Map.of() : joined;
            if (cache.size() < MAX_CACHED) {
                cache.putIfAbsent(new Key(cdRef, departementIds.clone()), values);
            }
        }
        return values;
    }
}
