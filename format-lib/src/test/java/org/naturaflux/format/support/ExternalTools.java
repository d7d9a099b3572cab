package org.naturaflux.format.support;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The independent readers the tests compare files against: GDAL (python3-gdal, {@code ogrinfo}, the
 * GeoPackage validator), Python's {@code json} and {@code sqlite3} modules and {@code sha256sum}. They
 * must be installed ({@code apt-get install -y gdal-bin python3-gdal}): a test that needs one fails,
 * never skips, when it is missing.
 */
public final class ExternalTools {

    /** The Python that has GDAL's bindings (the first {@code python3} on the PATH may not). */
    public static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static volatile boolean gdalChecked;

    private ExternalTools() {
    }

    /** The result of a command. */
    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> lines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        }
    }

    /** Runs a command, failing the test if it does not end within two minutes. */
    public static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("format-lib-out", ".txt");
            Path err = Files.createTempFile("format-lib-err", ".txt");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail("command timed out: " + command);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Runs a command and returns its output, failing the test when it exits with an error. */
    public static Result runOk(List<String> command) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            fail("command failed (exit " + result.exitCode() + "): " + command + "\n" + result.stderr()
                    + result.stdout());
        }
        return result;
    }

    /** Fails the test with a clear message when GDAL's Python bindings or tools are missing. */
    public static void requireGdal() {
        if (gdalChecked) {
            return;
        }
        Result python = Files.isExecutable(Path.of(PYTHON))
                ? run(List.of(PYTHON, "-c", "from osgeo import gdal, ogr; import osgeo_utils.samples.validate_gpkg"))
                : new Result(127, "", PYTHON + " not found");
        Result ogrinfo = run(List.of("sh", "-c", "command -v ogrinfo && command -v ogr2ogr"));
        if (python.exitCode() != 0 || ogrinfo.exitCode() != 0) {
            fail("GDAL is required by this test, as the independent reader of the files: install it with "
                    + "'apt-get install -y gdal-bin python3-gdal' (" + python.stderr().strip() + ")");
        }
        gdalChecked = true;
    }

    /** Runs one of the test scripts ({@code read_layer.py}, {@code read_json.py}, {@code gpkg_sql.py}). */
    public static List<JsonNode> script(String name, String... arguments) {
        requireGdal();
        List<String> command = new ArrayList<>(List.of(PYTHON, resource(name).toString()));
        command.addAll(List.of(arguments));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : runOk(command).lines()) {
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("unreadable output line of " + name + ": " + line, e);
            }
        }
        return lines;
    }

    /** A layer as GDAL reads it: its description, then its features. */
    public record Layer(JsonNode meta, List<JsonNode> features) {
    }

    /** Reads the first layer (or the named one) of a vector file with GDAL. */
    public static Layer readLayer(Path file, String... layerName) {
        return readLayer(file.toString(), layerName);
    }

    /** Reads the first layer (or the named one) of a GDAL data source name, such as {@code /vsizip/...}. */
    public static Layer readLayer(String source, String... layerName) {
        List<String> arguments = new ArrayList<>(List.of(source));
        arguments.addAll(List.of(layerName));
        List<JsonNode> lines = script("read_layer.py", arguments.toArray(String[]::new));
        return new Layer(lines.get(0), lines.subList(1, lines.size()));
    }

    /** Reads the first layer of a vector file with GDAL, opened with open options ({@code NAME=VALUE}). */
    public static Layer readLayerWithOptions(Path file, String... openOptions) {
        List<String> arguments = new ArrayList<>(List.of(file.toString()));
        for (String option : openOptions) {
            arguments.add("--oo=" + option);
        }
        List<JsonNode> lines = script("read_layer.py", arguments.toArray(String[]::new));
        return new Layer(lines.get(0), lines.subList(1, lines.size()));
    }

    /** Runs GDAL's GeoPackage validator. */
    public static Result validateGeoPackage(Path file) {
        requireGdal();
        return run(List.of(PYTHON, "-m", "osgeo_utils.samples.validate_gpkg", file.toString()));
    }

    /** The SHA-256 of a file as {@code sha256sum} computes it. */
    public static String sha256sum(Path file) {
        return runOk(List.of("sha256sum", file.toString())).stdout().split(" ")[0];
    }

    private static Path resource(String name) {
        try {
            return Path.of(ExternalTools.class.getResource("/org/naturaflux/format/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("missing test resource " + name, e);
        }
    }
}
