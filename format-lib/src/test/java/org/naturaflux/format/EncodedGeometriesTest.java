package org.naturaflux.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.format.support.SharedAreas;

class EncodedGeometriesTest {

    private final List<Geometry> encoded = new ArrayList<>();

    private String encode(Geometry geometry) {
        encoded.add(geometry);
        return geometry.toText();
    }

    @Test
    void encodesAnInstanceOnceAndAnEqualCopyAgain() throws IOException {
        EncodedGeometries<String> cache = new EncodedGeometries<>(4, 1 << 20, String::length);
        Geometry area = SharedAreas.polygons(1, 40, 40, 1).get(0);
        String first = cache.get(area, this::encode);
        assertThat(cache.get(area, this::encode)).isSameAs(first);
        assertThat(encoded).hasSize(1);
        Geometry copy = area.copy();
        assertThat(cache.get(copy, this::encode)).isEqualTo(first).isNotSameAs(first);
        assertThat(encoded).hasSize(2);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(2);
    }

    @Test
    void neverKeepsPointsSmallGeometriesOrNull() throws IOException {
        EncodedGeometries<String> cache = new EncodedGeometries<>(4, 1 << 20, String::length);
        Geometry point = Fixtures.wkt("POINT (2.35 48.85)");
        Geometry square = Fixtures.wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
        for (int i = 0; i < 3; i++) {
            cache.get(point, this::encode);
            cache.get(square, this::encode);
        }
        assertThat(cache.get(null, g -> "null")).isEqualTo("null");
        assertThat(encoded).hasSize(6);
        assertThat(cache.size()).isZero();
        assertThat(cache.caches(point)).isFalse();
        assertThat(cache.caches(square)).isFalse();
    }

    @Test
    void evictsTheLeastRecentlyUsedByEntries() throws IOException {
        EncodedGeometries<String> cache = new EncodedGeometries<>(2, 1 << 20, String::length);
        List<Geometry> areas = SharedAreas.polygons(3, 20, 30, 2);
        cache.get(areas.get(0), this::encode);
        cache.get(areas.get(1), this::encode);
        cache.get(areas.get(0), this::encode);     // 0 used last: 1 goes out next
        cache.get(areas.get(2), this::encode);
        assertThat(cache.size()).isEqualTo(2);
        encoded.clear();
        cache.get(areas.get(0), this::encode);
        cache.get(areas.get(2), this::encode);
        assertThat(encoded).isEmpty();
        cache.get(areas.get(1), this::encode);
        assertThat(encoded).containsExactly(areas.get(1));
    }

    @Test
    void staysWithinItsBytesAndKeepsNothingLargerThanThem() throws IOException {
        List<Geometry> areas = SharedAreas.polygons(30, 50, 300, 3);
        long bound = 20_000;
        EncodedGeometries<String> cache = new EncodedGeometries<>(100, bound, String::length);
        for (Geometry area : areas) {
            cache.get(area, this::encode);
            assertThat(cache.bytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(cache.size()).isLessThan(30).isPositive();
        Geometry huge = SharedAreas.polygons(1, 3000, 3000, 4).get(0);
        assertThat(huge.toText().length()).isGreaterThan((int) bound);
        int before = cache.size();
        cache.get(huge, this::encode);
        cache.get(huge, this::encode);
        assertThat(encoded.stream().filter(g -> g == huge)).hasSize(2);
        assertThat(cache.size()).isEqualTo(before);
    }

    @Test
    void offWithZeroEntriesAndRefusesNegativeBounds() throws IOException {
        EncodedGeometries<String> cache = EncodedGeometries.of(WriterSettings.defaults().withGeometryCache(0, 0),
                String::length);
        Geometry area = SharedAreas.polygons(1, 40, 40, 5).get(0);
        cache.get(area, this::encode);
        cache.get(area, this::encode);
        assertThat(encoded).hasSize(2);
        assertThat(cache.caches(area)).isFalse();
        assertThatThrownBy(() -> WriterSettings.defaults().withGeometryCache(-1, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EncodedGeometries<String>(1, -1, String::length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
