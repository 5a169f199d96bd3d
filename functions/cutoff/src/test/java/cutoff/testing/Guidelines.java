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
