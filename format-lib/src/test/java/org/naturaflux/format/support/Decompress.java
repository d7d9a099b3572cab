package org.naturaflux.format.support;

import java.nio.file.Path;
import java.util.List;

/** Decompresses test outputs with Python's gzip and zipfile modules (not the JDK that compressed them). */
public final class Decompress {

    private Decompress() {
    }

    /** Writes the content of a {@code .gz} file to {@code into}. */
    public static Path gunzip(Path gz, Path into) {
        ExternalTools.runOk(List.of(ExternalTools.PYTHON, "-c",
                "import gzip,shutil,sys\nwith gzip.open(sys.argv[1],'rb') as i, open(sys.argv[2],'wb') as o:"
                        + " shutil.copyfileobj(i,o)", gz.toString(), into.toString()));
        return into;
    }

    /** The names of a zip's entries. */
    public static List<String> zipEntries(Path zip) {
        return ExternalTools.runOk(List.of(ExternalTools.PYTHON, "-c",
                "import zipfile,sys\nfor n in zipfile.ZipFile(sys.argv[1]).namelist(): print(n)",
                zip.toString())).lines();
    }

    /** Writes the content of the zip entry {@code entry} to {@code into}. */
    public static Path unzip(Path zip, String entry, Path into) {
        ExternalTools.runOk(List.of(ExternalTools.PYTHON, "-c",
                "import zipfile,shutil,sys\nwith zipfile.ZipFile(sys.argv[1]).open(sys.argv[2]) as i, "
                        + "open(sys.argv[3],'wb') as o: shutil.copyfileobj(i,o)",
                zip.toString(), entry, into.toString()));
        return into;
    }
}
