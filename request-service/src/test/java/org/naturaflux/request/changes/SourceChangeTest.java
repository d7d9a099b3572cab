package org.naturaflux.request.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKBWriter;

/** Debezium's change events, as the connector on the stack writes them, read into what routing needs. */
class SourceChangeTest {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private static String geometry(double x, double y) {
        Point point = FACTORY.createPoint(new Coordinate(x, y));
        point.setSRID(2154);
        return "{\"wkb\":\"" + Base64.getEncoder().encodeToString(new WKBWriter(2, true).write(point)) + "\",\"srid\":2154}";
    }

    private static String row(long id, double x, Integer cdNom, Integer sensitivity) {
        return "{\"id_synthese\":" + id + ",\"cd_nom\":" + cdNom + ",\"id_dataset\":" + (id % 2 == 0 ? "null" : "3")
                + ",\"id_nomenclature_sensitivity\":" + sensitivity
                + ",\"id_nomenclature_diffusion_level\":null,\"nom_cite\":\"Parus major\",\"the_geom_local\":" + geometry(x, 6800000) + "}";
    }

    private static byte[] event(String op, String before, String after) {
        return ("{\"before\":" + before + ",\"after\":" + after + ",\"source\":{\"schema\":\"gn_synthese\",\"table\":\"synthese\"},"
                + "\"op\":\"" + op + "\",\"ts_ms\":1}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anUpdateCarriesBothStatesWithTheirGeometryTaxonAndCodes() {
        SourceChange.ObservationChange change = SourceChange.observation(event("u", row(7, 650000, 3764, 61), row(7, 651000, 3764, 64)));
        assertThat(change.states()).hasSize(2);
        assertThat(change.before().id()).isEqualTo(7);
        assertThat(change.before().localGeometry().getCoordinate().x).isEqualTo(650000);
        assertThat(change.after().localGeometry().getCoordinate().x).isEqualTo(651000);
        assertThat(change.after().localGeometry().getSRID()).isEqualTo(2154);
        assertThat(change.after().cdNom()).isEqualTo(3764);
        assertThat(change.before().sensitivityId()).isEqualTo(61);
        assertThat(change.after().sensitivityId()).isEqualTo(64);
        assertThat(change.after().diffusionId()).isNull();
        assertThat(change.after().datasetId()).isEqualTo(3);
    }

    /** What the record filters read: statuses, and dates as Debezium's MicroTimestamp (microseconds, UTC) or ISO text. */
    @Test
    void aStateCarriesItsStatusesAndDates() {
        String row = "{\"id_synthese\":9,\"cd_nom\":3764,\"id_dataset\":3,\"id_nomenclature_observation_status\":85,"
                + "\"id_nomenclature_valid_status\":null,\"date_min\":1420113600123456,\"date_max\":\"2015-01-02T10:00:00\","
                + "\"the_geom_local\":" + geometry(1, 2) + "}";
        SourceChange.Observation state = SourceChange.observation(event("c", "null", row)).after();
        assertThat(state.observationStatusId()).isEqualTo(85);
        assertThat(state.validationStatusId()).isNull();
        assertThat(state.dateMin()).isEqualTo(java.time.LocalDateTime.of(2015, 1, 1, 12, 0, 0, 123_456_000));
        assertThat(state.dateMax()).isEqualTo(java.time.LocalDateTime.of(2015, 1, 2, 10, 0));
        assertThat(SourceChange.observation(event("c", "null", row(8, 1, 2, null))).after().dateMin()).isNull();
    }

    @Test
    void aRecordWithoutDatasetHasNone() {
        SourceChange.ObservationChange change = SourceChange.observation(event("c", "null", row(8, 1, 2, null)));
        assertThat(change.after().datasetId()).isNull();
        assertThat(change.after().cdNom()).isEqualTo(2);
    }

    @Test
    void insertsAndDeletesHaveOneState() {
        assertThat(SourceChange.observation(event("c", "null", row(8, 1, 2, null))).states()).hasSize(1)
                .allSatisfy(s -> assertThat(s.id()).isEqualTo(8));
        SourceChange.ObservationChange deleted = SourceChange.observation(event("d", row(9, 1, 2, null), "null"));
        assertThat(deleted.after()).isNull();
        assertThat(deleted.before().id()).isEqualTo(9);
    }

    @Test
    void whatIsNoRowChangeIsNothingAndWhatCannotBeReadIsAnError() {
        assertThat(SourceChange.observation(new byte[0])).isNull();
        assertThat(SourceChange.observation("{\"op\":\"t\",\"before\":null,\"after\":null}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThatThrownBy(() -> SourceChange.observation("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceChange.observation("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceChange.observation(event("c", "null", "{\"cd_nom\":1}")))
                .hasMessageContaining("id_synthese");
        assertThatThrownBy(() -> SourceChange.observation(event("c", "null", "{\"id_synthese\":1,\"the_geom_local\":\"POINT(1 2)\"}")))
                .hasMessageContaining("the_geom_local");
    }

    @Test
    void anAreaChangeCarriesItsOldAndNewGeometry() {
        byte[] event = ("{\"before\":{\"id_area\":5,\"geom\":" + geometry(1, 2) + "},\"after\":{\"id_area\":5,\"geom\":"
                + geometry(3, 4) + "},\"op\":\"u\"}").getBytes(StandardCharsets.UTF_8);
        SourceChange.AreaChange change = SourceChange.area(event);
        assertThat(change.geometries()).extracting(g -> g.getCoordinate().x).containsExactly(1.0, 3.0);
    }
}
