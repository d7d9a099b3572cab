package org.naturaflux.sensitivity.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.sensitivity.testing.Geo.wkt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.sensitivity.testing.ExampleTerritory;

class AreaIndexTest {

    private final AreaIndex index = ExampleTerritory.index();

    private List<String> touching(String type, String wkt) {
        return index.touching(type, wkt(wkt)).stream().map(ReferenceArea::code).toList();
    }

    @Test
    void indexesEveryAreaByType() {
        assertThat(index.size()).isEqualTo(18);
        assertThat(index.typeCodes()).containsExactlyInAnyOrder("M10", "COM", "DEP");
        assertThat(index.areas("COM")).extracting(ReferenceArea::code).containsExactly("77001", "77002", "91001", "91002");
        assertThat(index.areas("M1")).isEmpty();
        assertThat(index.hasType("DEP")).isTrue();
        assertThat(index.hasType("M5")).isFalse();
    }

    @Test
    void pointInsideOneCellTouchesThatCell() {
        assertThat(touching("M10", "POINT (652000 6861000)")).containsExactly("10kmL93E065N686");
    }

    @Test
    void pointOnACellEdgeTouchesBothCells() {
        assertThat(touching("M10", "POINT (660000 6865000)")).containsExactly("10kmL93E065N686", "10kmL93E066N686");
    }

    @Test
    void pointOnACellCornerTouchesFourCells() {
        assertThat(touching("M10", "POINT (660000 6870000)"))
                .containsExactly("10kmL93E065N686", "10kmL93E065N687", "10kmL93E066N686", "10kmL93E066N687");
    }

    @Test
    void pointOnASlantedCommuneBorderTouchesBothCommunes() {
        assertThat(touching("COM", "POINT (656000 6858000)")).containsExactly("77001", "91001");
    }

    @Test
    void lineTouchesEveryCellItCrosses() {
        assertThat(touching("M10", "LINESTRING (645000 6855000, 672000 6855000)"))
                .containsExactly("10kmL93E064N685", "10kmL93E065N685", "10kmL93E066N685", "10kmL93E067N685");
    }

    @Test
    void nothingOutsideTheAreasNorForAnUnknownTypeNorForEmptyGeometries() {
        assertThat(touching("M10", "POINT (700000 6900000)")).isEmpty();
        assertThat(touching("M1", "POINT (652000 6861000)")).isEmpty();
        assertThat(touching("COM", "POINT EMPTY")).isEmpty();
        assertThat(index.touching("COM", null)).isEmpty();
    }

    @Test
    void sharingInteriorLeavesOutAreasThatOnlyTouchTheBoundary() {
        // Alpha shares its border with Beta and Gamma and a single point with Delta.
        assertThat(index.sharingInterior("COM", wkt(ExampleTerritory.ALPHA)))
                .extracting(ReferenceArea::code).containsExactly("91001");
        assertThat(index.sharingInterior("COM", wkt(ExampleTerritory.DEP_77)))
                .extracting(ReferenceArea::code).containsExactly("77001", "77002");
        assertThat(index.sharingInterior("COM", wkt("POLYGON ((650000 6860000, 660000 6860000, 660000 6870000, 650000 6870000, 650000 6860000))")))
                .extracting(ReferenceArea::name).containsExactlyInAnyOrder("Alpha", "Beta", "Gamma", "Delta");
    }

    @Test
    void areasWithAnEmptyGeometryAreLeftOut() {
        ReferenceArea empty = new ReferenceArea(1, "COM", "00000", "Nowhere", wkt("POLYGON EMPTY"), wkt("POLYGON EMPTY"));
        AreaIndex withEmpty = AreaIndex.of(List.of(empty, ExampleTerritory.areas().get(0)));
        assertThat(withEmpty.size()).isEqualTo(1);
        assertThat(withEmpty.hasType("COM")).isFalse();
    }
}
