package org.naturaflux.sensitivity.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.naturaflux.sensitivity.testing.Geo.wkt;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.field.Reveals;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.DateCoarsening;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.GeometryAs;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.rules.WithholdCause;
import org.naturaflux.sensitivity.testing.ExampleTerritory;
import org.naturaflux.sensitivity.testing.Geo;
import org.naturaflux.sensitivity.testing.Rows;

/**
 * WKT in, WKT expected: one example per level and per border case, on {@link ExampleTerritory} (whose
 * 4326 coordinates are the 2154 ones divided by 100000).
 */
class RecordDegraderExamplesTest {

    private static final List<FieldDefinition> FIELDS = FieldCatalogue.standard().fields();
    private static final AreaIndex INDEX = ExampleTerritory.index();
    private static final String CELL_E065N686 = "POLYGON ((6.5 68.6, 6.6 68.6, 6.6 68.7, 6.5 68.7, 6.5 68.6))";

    private final RecordDegrader degrader = RecordDegrader.standard(INDEX, FIELDS);

    private static ObservationRow row(String sensitivity, String diffusion, String wkt2154) {
        return Rows.row(1, sensitivity, diffusion, wkt2154 == null ? null : wkt(wkt2154), ExampleTerritory.TO_4326, FIELDS);
    }

    private static Object value(ObservationRow row, String code) {
        return row.values()[Rows.indexOf(FIELDS, code)];
    }

    private static Degradation.Exported exported(Degradation d) {
        assertThat(d).isInstanceOf(Degradation.Exported.class);
        return (Degradation.Exported) d;
    }

    private static void assertShape(Geometry actual, String expectedWkt) {
        assertThat(Geo.sameShape(actual, wkt(expectedWkt), 1e-9))
                .as("expected %s, got %s", expectedWkt, actual).isTrue();
    }

    /** Every field that may reveal a location is emptied or replaced; fields that reveal nothing are kept. */
    private static void assertScrubbed(ObservationRow in, ObservationRow out) {
        for (String code : List.of("nom_lieu", "alti_min", "alti_max", "prof_min", "prof_max", "comment_releve",
                "comment_occurrence", "comment_validation", "preuve_numerique_url", "preuve_non_numerique",
                "methode_regroupement", "reference_biblio", "id_origine", "uuid_perm_grp_sinp", "champs_additionnels")) {
            assertThat(value(out, code)).as(code).isNull();
        }
        for (String code : List.of("id_synthese", "nom_valide", "observateurs", "uuid_perm_sinp", "jdd_nom",
                "date_debut", "date_fin", "heure_debut", "date_modification", "niveau_precision_diffusion")) {
            assertThat(value(out, code)).as(code).isEqualTo(value(in, code));
        }
        assertThat(out.localGeometry()).isNull();
        assertThat(value(out, "geometrie_wkt_4326")).isSameAs(out.geometry());
        assertThat(value(out, "x_centroid_4326")).isEqualTo(out.geometry().getCentroid().getX());
        assertThat(value(out, "y_centroid_4326")).isEqualTo(out.geometry().getCentroid().getY());
    }

    @Test
    void preciseRecordKeepsEverythingButGetsItsLabelAndNoAreaCode() {
        ObservationRow in = row("0", null, "POINT (652000 6861000)");
        Degradation.Exported out = exported(degrader.degrade(in));
        assertThat(out.level()).isEqualTo(DiffusionLevel.PRECISE);
        assertThat(out.areaCodes()).isEmpty();
        assertThat(out.row().localGeometry()).isSameAs(in.localGeometry());
        assertThat(out.row().geometry()).isSameAs(in.geometry());
        assertThat(value(out.row(), "niveau_sensibilite")).isEqualTo("Non sensible - Diffusion précise");
        assertThat(value(out.row(), "codes_zones_diffusion")).isNull();
        for (FieldDefinition f : FIELDS) {
            if (!f.reveals(Reveals.SENSITIVITY) && !f.reveals(Reveals.AREA_CODES)) {
                assertThat(value(out.row(), f.code())).as(f.code()).isEqualTo(value(in, f.code()));
            }
        }
    }

    @Test
    void preciseRecordIsTheSameRowWhenNothingNeedsSetting() {
        List<FieldDefinition> fields = FieldCatalogue.standard().select(List.of("id_synthese", "nom_lieu"));
        ObservationRow in = new ObservationRow(1, "0", "5", wkt("POINT (1 2)"), wkt("POINT (3 4)"), new Object[] {1L, "Le Bois"});
        Degradation.Exported out = exported(RecordDegrader.standard(INDEX, fields).degrade(in));
        assertThat(out.row()).isSameAs(in);
    }

    @Test
    void communeLevelGivesTheCommunePolygon() {
        ObservationRow in = row("1", null, "POINT (645000 6855000)");
        Degradation.Exported out = exported(degrader.degrade(in));
        assertThat(out.level()).isEqualTo(DiffusionLevel.COMMUNE);
        assertShape(out.row().geometry(), "POLYGON ((6.4 68.5, 6.57 68.5, 6.55 68.66, 6.4 68.68, 6.4 68.5))");
        assertThat(out.areaCodes()).containsExactly("91001");
        assertThat(value(out.row(), "codes_zones_diffusion")).isEqualTo("91001");
        assertThat(value(out.row(), "communes")).isEqualTo("Alpha");
        assertThat(value(out.row(), "niveau_sensibilite")).isEqualTo("Sensible - Diffusion à la Commune ou Znieff");
        // envelope 17 km x 18 km: diagonal 24758.8 m
        assertThat(value(out.row(), "precision_geographique")).isEqualTo(24_759L);
        assertScrubbed(in, out.row());
    }

    @Test
    void gridLevelGivesTheTenKilometreCellAndEveryCommuneItOverlaps() {
        ObservationRow in = row("2", null, "POINT (652000 6861000)");
        Degradation.Exported out = exported(degrader.degrade(in));
        assertThat(out.level()).isEqualTo(DiffusionLevel.GRID);
        assertShape(out.row().geometry(), CELL_E065N686);
        assertThat(value(out.row(), "codes_zones_diffusion")).isEqualTo("10kmL93E065N686");
        assertThat(value(out.row(), "communes")).isEqualTo("Alpha, Beta, Delta, Gamma");
        assertThat(value(out.row(), "niveau_sensibilite")).isEqualTo("Sensible - Diffusion à la maille 10km");
        assertThat(value(out.row(), "precision_geographique")).isEqualTo(14_143L);
        assertThat((Double) value(out.row(), "x_centroid_4326")).isCloseTo(6.55, org.assertj.core.data.Offset.offset(1e-12));
        assertThat((Double) value(out.row(), "y_centroid_4326")).isCloseTo(68.65, org.assertj.core.data.Offset.offset(1e-12));
        assertScrubbed(in, out.row());
    }

    @Test
    void departementLevelGivesTheDepartementAndAllItsCommunes() {
        ObservationRow in = row("3", null, "POINT (645000 6855000)");
        Degradation.Exported out = exported(degrader.degrade(in));
        assertThat(out.level()).isEqualTo(DiffusionLevel.DEPARTEMENT);
        assertShape(out.row().geometry(), "POLYGON ((6.4 68.5, 6.57 68.5, 6.55 68.66, 6.61 68.8, 6.4 68.8, 6.4 68.5))");
        assertThat(value(out.row(), "codes_zones_diffusion")).isEqualTo("91");
        assertThat(value(out.row(), "communes")).isEqualTo("Alpha, Gamma");
        assertThat(value(out.row(), "niveau_sensibilite")).isEqualTo("Sensible - Diffusion au département");
        // envelope 21 km x 30 km: diagonal 36619.7 m
        assertThat(value(out.row(), "precision_geographique")).isEqualTo(36_620L);
        assertScrubbed(in, out.row());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "4, NULL, SENSITIVITY, WITHHELD",
            "0, 4, SENSITIVITY, WITHHELD",
            "NULL, NULL, UNKNOWN_SENSITIVITY, WITHHELD",
            "NULL, 0, UNKNOWN_SENSITIVITY, WITHHELD",
            "9, NULL, UNKNOWN_CODE, WITHHELD",
            "1, 8, UNKNOWN_CODE, WITHHELD",
    })
    void withheldRecordsNeverComeOut(String s, String d, WithholdCause cause, DiffusionLevel intended) {
        Degradation out = degrader.degrade(row(s, d, "POINT (652000 6861000)"));
        assertThat(out).isEqualTo(new Degradation.Withheld(1, s, d, intended, cause));
        assertThat(out.level()).isEqualTo(DiffusionLevel.WITHHELD);
    }

    @Test
    void pointOnACellEdgeGetsBothCells() {
        Degradation.Exported out = exported(degrader.degrade(row("2", null, "POINT (660000 6865000)")));
        assertShape(out.row().geometry(), "POLYGON ((6.5 68.6, 6.7 68.6, 6.7 68.7, 6.5 68.7, 6.5 68.6))");
        assertThat(value(out.row(), "codes_zones_diffusion")).isEqualTo("10kmL93E065N686, 10kmL93E066N686");
        assertThat(value(out.row(), "precision_geographique")).isEqualTo(22_361L);
        assertThat((Double) value(out.row(), "x_centroid_4326")).isCloseTo(6.6, org.assertj.core.data.Offset.offset(1e-12));
    }

    /**
     * Records degraded to the same area, or the same set of areas, carry one geometry instance: format-lib's
     * writers encode an instance once for all the records that share it (their geometry cache).
     */
    @Test
    void recordsOfOneAreaOrOneSetOfAreasShareTheirGeometryInstance() {
        Geometry commune = exported(degrader.degrade(row("1", null, "POINT (652000 6861000)"))).row().geometry();
        Geometry sameCommune = exported(degrader.degrade(row("1", null, "POINT (652500 6861500)"))).row().geometry();
        assertThat(sameCommune).isSameAs(commune);
        Geometry bothCells = exported(degrader.degrade(row("2", null, "POINT (660000 6865000)"))).row().geometry();
        Geometry bothCellsAgain = exported(degrader.degrade(row("2", null, "POINT (660000 6866000)"))).row().geometry();
        assertThat(bothCellsAgain).isSameAs(bothCells);
        Geometry otherCommune = exported(degrader.degrade(row("1", null, "POINT (670000 6855000)"))).row().geometry();
        assertThat(otherCommune).isNotSameAs(commune);
    }

    @Test
    void pointOnACellCornerGetsFourCells() {
        Degradation.Exported out = exported(degrader.degrade(row("2", null, "POINT (660000 6870000)")));
        assertShape(out.row().geometry(), "POLYGON ((6.5 68.6, 6.7 68.6, 6.7 68.8, 6.5 68.8, 6.5 68.6))");
        assertThat(out.areaCodes()).containsExactly("10kmL93E065N686", "10kmL93E065N687", "10kmL93E066N686", "10kmL93E066N687");
        assertThat(value(out.row(), "precision_geographique")).isEqualTo(28_285L);
    }

    @Test
    void pointOnACommuneBorderGetsBothCommunes() {
        Degradation.Exported out = exported(degrader.degrade(row("1", null, "POINT (656000 6858000)")));
        assertShape(out.row().geometry(), "POLYGON ((6.4 68.5, 6.8 68.5, 6.8 68.63, 6.66 68.66, 6.55 68.66, 6.4 68.68, 6.4 68.5))");
        assertThat(value(out.row(), "codes_zones_diffusion")).isEqualTo("77001, 91001");
        assertThat(value(out.row(), "communes")).isEqualTo("Alpha, Beta");
    }

    @Test
    void lineAcrossSeveralCellsGetsTheirUnion() {
        Degradation.Exported out = exported(degrader.degrade(row("2", null, "LINESTRING (645000 6855000, 672000 6855000)")));
        assertShape(out.row().geometry(), "POLYGON ((6.4 68.5, 6.8 68.5, 6.8 68.6, 6.4 68.6, 6.4 68.5))");
        assertThat(out.areaCodes()).containsExactly("10kmL93E064N685", "10kmL93E065N685", "10kmL93E066N685", "10kmL93E067N685");
        assertThat(value(out.row(), "communes")).isEqualTo("Alpha, Beta");
    }

    @Test
    void lineAcrossTwoCommunesGetsBoth() {
        Degradation.Exported out = exported(degrader.degrade(row("1", null, "LINESTRING (645000 6870000, 650000 6860000)")));
        assertThat(out.areaCodes()).containsExactly("91001", "91002");
        assertShape(out.row().geometry(), "POLYGON ((6.4 68.5, 6.57 68.5, 6.55 68.66, 6.61 68.8, 6.4 68.8, 6.4 68.5))");
    }

    @Test
    void polygonAcrossTheFourCommunesGetsTheWholeRectangle() {
        String square = "POLYGON ((652000 6862000, 658000 6862000, 658000 6869000, 652000 6869000, 652000 6862000))";
        Degradation.Exported commune = exported(degrader.degrade(row("1", null, square)));
        assertShape(commune.row().geometry(), "POLYGON ((6.4 68.5, 6.8 68.5, 6.8 68.8, 6.4 68.8, 6.4 68.5))");
        assertThat(commune.areaCodes()).containsExactly("77001", "77002", "91001", "91002");
        assertThat(value(commune.row(), "communes")).isEqualTo("Alpha, Beta, Delta, Gamma");

        Degradation.Exported grid = exported(degrader.degrade(row("2", null, square)));
        assertThat(grid.areaCodes()).containsExactly("10kmL93E065N686");

        Degradation.Exported dep = exported(degrader.degrade(row("3", null, square)));
        assertShape(dep.row().geometry(), "POLYGON ((6.4 68.5, 6.8 68.5, 6.8 68.8, 6.4 68.8, 6.4 68.5))");
        assertThat(value(dep.row(), "codes_zones_diffusion")).isEqualTo("77, 91");
    }

    @Test
    void recordOutsideEveryAreaIsWithheldNotExportedPrecise() {
        assertThat(degrader.degrade(row("2", null, "POINT (700000 6900000)")))
                .isEqualTo(new Degradation.Withheld(1, "2", null, DiffusionLevel.GRID, WithholdCause.NO_AREA));
        assertThat(degrader.degrade(row("1", null, "POINT (639999 6855000)")))
                .isEqualTo(new Degradation.Withheld(1, "1", null, DiffusionLevel.COMMUNE, WithholdCause.NO_AREA));
        assertThat(degrader.degrade(row("0", null, "POINT (700000 6900000)")).level()).isEqualTo(DiffusionLevel.PRECISE);
    }

    @Test
    void recordPartlyOutsideTheAreasIsWithheld() {
        assertThat(degrader.degrade(row("2", null, "LINESTRING (675000 6855000, 690000 6855000)")))
                .isEqualTo(new Degradation.Withheld(1, "2", null, DiffusionLevel.GRID, WithholdCause.NO_AREA));
        assertThat(degrader.degrade(row("3", null, "POLYGON ((675000 6855000, 685000 6855000, 685000 6856000, 675000 6855000))")))
                .isInstanceOf(Degradation.Withheld.class);
    }

    @Test
    void coverageToleranceAbsorbsSlivers() {
        String line = "LINESTRING (675000 6855000, 680000.5 6855000)";
        assertThat(degrader.degrade(row("2", null, line)).level()).isEqualTo(DiffusionLevel.GRID);
        RecordDegrader strict = new RecordDegrader(SensitivityRules.builder().coverageTolerance(0).build(), INDEX,
                FIELDS, ExportOptions.defaults());
        assertThat(strict.degrade(row("2", null, line)))
                .isEqualTo(new Degradation.Withheld(1, "2", null, DiffusionLevel.GRID, WithholdCause.NO_AREA));
    }

    @Test
    void degradedRecordWithoutGeometryIsWithheld() {
        assertThat(degrader.degrade(row("2", null, null)))
                .isEqualTo(new Degradation.Withheld(1, "2", null, DiffusionLevel.GRID, WithholdCause.NO_AREA));
        assertThat(degrader.degrade(row("2", null, "POINT EMPTY")))
                .isEqualTo(new Degradation.Withheld(1, "2", null, DiffusionLevel.GRID, WithholdCause.NO_AREA));
    }

    @Test
    void producerRestrictionDegradesANonSensitiveRecordAndTheLabelSaysSo() {
        Degradation.Exported out = exported(degrader.degrade(row("0", "2", "POINT (652000 6861000)")));
        assertThat(out.level()).isEqualTo(DiffusionLevel.GRID);
        assertShape(out.row().geometry(), CELL_E065N686);
        assertThat(value(out.row(), "niveau_sensibilite"))
                .isEqualTo("Non sensible - Diffusion à la maille 10km (restriction du producteur)");
    }

    @Test
    void centroidOptionGivesTheAreaCentroidWithItsPrecision() {
        RecordDegrader centroid = new RecordDegrader(SensitivityRules.standard(), INDEX, FIELDS,
                new ExportOptions(null, null, null, null, null, GeometryAs.CENTROID, null, null, null, null));
        Degradation.Exported out = exported(centroid.degrade(row("2", null, "POINT (652000 6861000)")));
        assertShape(out.row().geometry(), "POINT (6.55 68.65)");
        assertThat(value(out.row(), "geometrie_wkt_4326")).isSameAs(out.row().geometry());
        assertThat(value(out.row(), "precision_geographique")).isEqualTo(14_143L);
        assertThat(value(out.row(), "codes_zones_diffusion")).isEqualTo("10kmL93E065N686");

        Degradation.Exported edge = exported(centroid.degrade(row("2", null, "POINT (660000 6865000)")));
        assertShape(edge.row().geometry(), "POINT (6.6 68.65)");
    }

    @Test
    void dateCoarseningMovesDegradedDatesAndDropsTimes() {
        RecordDegrader month = new RecordDegrader(SensitivityRules.standard(), INDEX, FIELDS,
                new ExportOptions(null, null, null, null, null, null, DateCoarsening.MONTH, null, null, null));
        ObservationRow out = exported(month.degrade(row("2", null, "POINT (652000 6861000)"))).row();
        assertThat(value(out, "date_debut")).isEqualTo(LocalDate.of(2023, 6, 1));
        assertThat(value(out, "date_fin")).isEqualTo(LocalDate.of(2023, 6, 1));
        assertThat(value(out, "heure_debut")).isNull();
        assertThat(value(out, "heure_fin")).isNull();
        assertThat(value(out, "date_modification")).isEqualTo(Rows.TIMESTAMP);

        RecordDegrader year = new RecordDegrader(SensitivityRules.standard(), INDEX, FIELDS,
                new ExportOptions(null, null, null, null, null, null, DateCoarsening.YEAR, null, null, null));
        assertThat(value(exported(year.degrade(row("3", null, "POINT (652000 6861000)"))).row(), "date_debut"))
                .isEqualTo(LocalDate.of(2023, 1, 1));

        ObservationRow precise = exported(year.degrade(row("0", null, "POINT (652000 6861000)"))).row();
        assertThat(value(precise, "date_debut")).isEqualTo(Rows.DATE);
        assertThat(value(precise, "heure_debut")).isEqualTo(Rows.TIME);
    }

    @Test
    void dateCoarseningAppliesToTimestamps() {
        FieldDefinition seen = new FieldDefinition("vu_le", "Vu le", FieldType.TIMESTAMP, null, false, false,
                java.util.Set.of(Reveals.DATE));
        List<FieldDefinition> fields = List.of(seen);
        RecordDegrader year = new RecordDegrader(SensitivityRules.standard(), INDEX, fields,
                new ExportOptions(null, null, null, null, null, null, DateCoarsening.YEAR, null, null, null));
        ObservationRow in = new ObservationRow(1, "2", null, wkt("POINT (652000 6861000)"), wkt("POINT (6.52 68.61)"),
                new Object[] {LocalDateTime.of(2022, 9, 14, 6, 30)});
        assertThat(exported(year.degrade(in)).row().values()).containsExactly(LocalDateTime.of(2022, 1, 1, 0, 0));
    }

    @Test
    void sameInputSameOutput() {
        ObservationRow in = row("1", null, "POINT (656000 6858000)");
        ObservationRow first = exported(degrader.degrade(in)).row();
        ObservationRow again = exported(degrader.degrade(in)).row();
        ObservationRow fresh = exported(RecordDegrader.standard(ExampleTerritory.index(), FIELDS).degrade(in)).row();
        assertThat(again.values()).containsExactly(first.values());
        assertThat(fresh.values()).containsExactly(first.values());
        assertThat(fresh.geometry().equalsExact(first.geometry())).isTrue();
    }

    @Test
    void rejectsRowsThatDoNotMatchTheFields() {
        ObservationRow wrong = new ObservationRow(1, "0", null, null, null, new Object[] {1L});
        assertThatThrownBy(() -> degrader.degrade(wrong)).isInstanceOf(IllegalArgumentException.class);
    }
}
