package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.deadline.IncompleteNoticeException;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.testing.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The golden feeds: the topic, notice and all-calls feeds of the shipped notices ({@code infra/local/notices}),
 * as {@link FeedWriter} renders them with every deadline stamped at {@link #STAMP} (their DTSTAMP and
 * LAST-MODIFIED, as an ingest at that instant stores them), kept byte for byte under
 * {@code src/test/resources/golden/feeds/} at the paths the feed routes serve them
 * ({@code all.ics}, {@code notices/<noticeId>.ics}, {@code topics/<topicId>.ics}).
 *
 * <p>To change them on purpose (a rendering change meant to show): run {@code GoldenFeedsTest} with
 * {@code -Dgolden.update=true}; it rewrites the files that differ, fails once naming them, and
 * passes on the next run. Review the diff before committing it. Never written without the property.
 */
final class GoldenFeeds {
    /** The instant every golden deadline is stamped at (DTSTAMP). */
    static final Instant STAMP = Instant.parse("2026-11-02T03:04:05Z");
    /** Set to {@code true} to rewrite the golden files from today's rendering. */
    static final String UPDATE = "golden.update";

    private GoldenFeeds() {
    }

    /** Where the golden files live in the source tree. */
    static Path folder() {
        return Project.root().resolve("functions/cutoff/src/test/resources/golden/feeds");
    }

    /**
     * Every golden feed, rendered now by a fresh {@link FeedWriter}: path under {@link #folder()} (the
     * feed route's path after {@code /feeds/}) to the iCalendar text.
     */
    static Map<String, String> render() {
        FeedWriter writer = new FeedWriter();
        Map<String, String> feeds = new LinkedHashMap<>();
        List<Deadline> all = new ArrayList<>();
        for (Notice notice : Project.shippedNotices()) {
            List<Deadline> deadlines;
            try {
                deadlines = Deadlines.of(notice, STAMP);
            } catch (IncompleteNoticeException e) {
                throw new AssertionError("a shipped notice without a cutoff: " + notice.id(), e);
            }
            all.addAll(deadlines);
            feeds.put("notices/" + notice.id() + ".ics", writer.write(FeedNames.notice(notice), deadlines));
            for (Topic topic : notice.topics()) {
                feeds.put("topics/" + topic.id() + ".ics", writer.write(FeedNames.topic(notice, topic),
                        deadlines.stream().filter(d -> d.topicId().equals(topic.id())).toList()));
            }
        }
        feeds.put("all.ics", writer.write(FeedNames.ALL, all));
        return feeds;
    }

    /** The paths of the golden files on disk, relative to {@link #folder()}, sorted. */
    static List<String> stored() {
        Path folder = folder();
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".ics")).map(f -> folder.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden file's bytes. */
    static byte[] read(String path) {
        Path file = folder().resolve(path);
        assertTrue(Files.isRegularFile(file), "no golden file " + file + "; write it with -D" + UPDATE + "=true (see GoldenFeeds)");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the bytes of a rendered feed are the golden file's. */
    static boolean same(String path, String feed) {
        Path file = folder().resolve(path);
        try {
            return Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), feed.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one golden file (only under {@code -Dgolden.update=true}). */
    static void write(String path, String feed) {
        Path file = folder().resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, feed.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
