package cutoff.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Files of the project itself: events/, template.yaml, the shipped notice records. */
public final class Project {
    private static final ObjectMapper EVENTS = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Project() {
    }

    /**
     * The project's root: the folder holding template.yaml, found by walking up. In a lone copy of the module
     * ({@link LoneCopy}, what {@code sam build} makes) the calling test is skipped, saying so.
     */
    public static Path root() {
        Path dir = find();
        if (dir == null) {
            LoneCopy.skipIfHere("template.yaml, events/ or infra/");
            throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * This module's folder ({@code functions/cutoff}), in the repository or in a lone copy of it: the working
     * directory Maven runs the tests in, else {@code functions/cutoff} under {@link #root()}.
     */
    public static Path module() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("src/main/java/cutoff")) ? here : root().resolve("functions/cutoff");
    }

    /** The folder holding template.yaml, the working directory or one above it; {@code null} if none. */
    static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** A sample API Gateway HTTP API (v2) event from events/. */
    public static APIGatewayV2HTTPEvent event(String name) {
        try {
            return EVENTS.readValue(root().resolve("events").resolve(name).toFile(), APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #event(String)}, with some request headers set or replaced (names in lower case, as API
     * Gateway's HTTP API passes them): a sample event with what one test varies.
     */
    public static APIGatewayV2HTTPEvent event(String name, java.util.Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = event(name);
        java.util.Map<String, String> all = new java.util.HashMap<>(event.getHeaders() == null ? java.util.Map.of() : event.getHeaders());
        headers.forEach((k, v) -> all.put(k.toLowerCase(java.util.Locale.ROOT), v));
        event.setHeaders(all);
        return event;
    }

    /** One shipped notice record by its notice id. */
    public static Notice shippedNotice(String noticeId) {
        return shippedNotices().stream().filter(n -> n.id().equals(noticeId)).findFirst()
                .orElseThrow(() -> new AssertionError("no shipped notice " + noticeId));
    }

    /** The reviewed notice records the local stack loads (infra/local/notices/*.json), by file name. */
    public static List<Notice> shippedNotices() {
        List<Notice> notices = new ArrayList<>();
        try (Stream<Path> files = Files.list(root().resolve("infra/local/notices"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                notices.add(NoticeJson.read(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return notices;
    }
}
