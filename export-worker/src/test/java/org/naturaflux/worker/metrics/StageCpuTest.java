package org.naturaflux.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.spec.ExportFormat;

class StageCpuTest {

    private static final UUID RUN = UUID.fromString("0b6f4a8e-3c1d-4e2f-9a7b-5c6d7e8f9a0b");

    @Test
    void theLogLineNamesTheRunsFormatsOnlyInOrderWithSecondsToThreeDecimals() {
        StageCpu cpu = new StageCpu(List.of(ExportFormat.GPKG, ExportFormat.CSV));
        cpu.add(StageCpu.READ, 1_234_567_890L);
        cpu.add(StageCpu.DEGRADE, 5_000_000L);
        cpu.add(StageCpu.write(ExportFormat.CSV), 999_500_000L);
        cpu.add(StageCpu.write(ExportFormat.CSV), 1_000_000L);
        cpu.add(StageCpu.write(ExportFormat.GPKG), 2_000_400_000L);
        cpu.add(StageCpu.UPLOAD, 40_000_000L);

        assertThat(cpu.logLine(RUN, 1_000_000)).isEqualTo("run " + RUN + " cpu-seconds read=1.235 degrade=0.005"
                + " write.gpkg=2.000 write.csv=1.001 upload=0.040 publish=0.000 rows=1000000");
        assertThatThrownBy(() -> cpu.add(StageCpu.write(ExportFormat.JSON), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachStageIsAPrometheusCounterOfSeconds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkerMetrics metrics = new WorkerMetrics(registry);
        StageCpu cpu = new StageCpu(List.of(ExportFormat.CSV));
        cpu.add(StageCpu.READ, 1_500_000_000L);
        metrics.stageCpu(cpu);
        metrics.stageCpu(cpu);

        assertThat(registry.get("naturaflux.worker.stage.cpu").tag("stage", "read").counter().count()).isEqualTo(3.0);
        assertThat(registry.get("naturaflux.worker.stage.cpu").tag("stage", "write.csv").counter().count()).isZero();
        assertThat(registry.find("naturaflux.worker.stage.cpu").counters()).hasSize(5);
    }
}
