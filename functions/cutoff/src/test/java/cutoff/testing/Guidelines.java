package cutoff.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real notices in {@code ../shared/guidelines} beside the project (test input, never copied). */
public final class Guidelines {
    public static final String STCSM_2023_4 = "000_0afd60047bd1e251.txt";
    public static final String STCSM_2026_8 = "002_8edfcb33e9526fa2.txt";
    public static final String ZHEJIANG_BILATERAL = "004_c857a98847b44678.txt";
    /** 科技部国际合作司 2013 中以 call, relayed by a city bureau (more/README.md). */
    public static final String MOST_2013_ISRAEL = "more/most-2013-israel.txt";
    /** 广东省科学技术厅 2013 对外科技合作专项, relayed by a university research office. */
    public static final String GUANGDONG_2013_RELAY = "more/gzucm-2013-guangdong.txt";
    /** 江苏省科学技术厅 苏科外发〔2023〕119号, relaying a ministry call (PDF layout). */
    public static final String JIANGSU_2023_119 = "more/jiangsu-2023-119-intergov.txt";
    /** NSFC 2017 major research plan guide, whole text on one line. */
    public static final String NSFC_2017 = "more/nsfc-2017-carbon-catalysis.txt";

    private Guidelines() {
    }

    /** The folder, found by walking up from the working directory. */
    public static Path folder() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            for (Path candidate : new Path[] {dir.resolve("shared/guidelines"), dir.resolve("../shared/guidelines")}) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
            dir = dir.getParent();
        }
        LoneCopy.skipIfHere("../shared/guidelines (the real notices)");
        throw new IllegalStateException("../shared/guidelines not found above " + Path.of("").toAbsolutePath()
                + ": clone the project next to shared/");
    }

    public static Path path(String name) {
        return folder().resolve(name);
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
