package cutoff.document;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads files as an upload is read ({@link NoticeDocuments#detect}, {@link NoticeDocuments#text}), in a JVM
 * of its own: {@code HostileFilesTest} starts it with a small heap. Prints a line a file: {@code REASON: message}
 * for a refusal, {@code read N bytes} for text. An {@link OutOfMemoryError} ends it with a stack trace and a
 * non-zero exit.
 */
public final class ForkedReader {
    private ForkedReader() {
    }

    public static void main(String[] files) throws Exception {
        for (String name : files) {
            byte[] bytes = Files.readAllBytes(Path.of(name));
            try {
                byte[] text = NoticeDocuments.text(NoticeDocuments.detect(bytes), bytes);
                System.out.println(name + ": read " + text.length + " bytes");
            } catch (DocumentException e) {
                System.out.println(name + ": " + e.reason() + ": " + e.getMessage());
            }
        }
    }
}
