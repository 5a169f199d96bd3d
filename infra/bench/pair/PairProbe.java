import cutoff.calendar.FeedWriter;
import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.stream.Stream;

/**
 * Loaded once per commit's jars by {@code Pair}: WarmRender's 200-event feed (the shipped notices' deadlines repeated
 * with distinct UIDs, a week apart), in two cases, each prepared untimed before its timed render:
 * <ul>
 *   <li>{@code first}: 200 deadline versions never written in this JVM (UIDs new each call, text as the notices give it),
 *       by a new writer;</li>
 *   <li>{@code seen}: the same 200 deadlines as an earlier feed of this writer, as a store read gives them again:
 *       new objects with new strings (no hash computed yet).</li>
 * </ul>
 */
public final class PairProbe {
    static List<Deadline> feed;
    static List<Deadline> next;
    static int round;
    static final FeedWriter kept = new FeedWriter();

    public static void init(String notices) throws Exception {
        List<Deadline> base = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(notices))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Notice n = NoticeJson.read(Files.readAllBytes(f));
                base.addAll(Deadlines.of(n, Instant.parse("2026-01-01T00:00:00Z")));
            }
        }
        List<Deadline> out = new ArrayList<>();
        for (int i = 0; out.size() < 200; i++) {
            Deadline d = base.get(i % base.size());
            int week = i / base.size();
            out.add(new Deadline("w" + week + "-" + d.uid(), d.noticeId(), d.topicId(), d.kind(),
                    d.at() == null ? null : d.at().plus(Duration.ofDays(7L * week)), d.date().plusWeeks(week), d.zone(),
                    d.summary(), d.description(), d.url(), d.sequence(), d.lastModified(), d.cancelled()));
        }
        feed = out;
        kept.write("bench", feed);
    }

    private static String fresh(String s) {
        return s == null ? null : String.valueOf(s.toCharArray());
    }

    public static void prepareFirst() {
        String prefix = "r" + round++ + "-";
        List<Deadline> out = new ArrayList<>(feed.size());
        for (Deadline d : feed) {
            out.add(new Deadline(prefix + d.uid(), d.noticeId(), d.topicId(), d.kind(), d.at(), d.date(), d.zone(),
                    d.summary(), d.description(), d.url(), d.sequence(), d.lastModified(), d.cancelled()));
        }
        next = out;
    }

    public static String first() {
        return new FeedWriter().write("bench", next);
    }

    public static void prepareSeen() {
        List<Deadline> out = new ArrayList<>(feed.size());
        for (Deadline d : feed) {
            out.add(new Deadline(fresh(d.uid()), fresh(d.noticeId()), fresh(d.topicId()), d.kind(), d.at(), d.date(), d.zone(),
                    fresh(d.summary()), fresh(d.description()), fresh(d.url()), d.sequence(), d.lastModified(), d.cancelled()));
        }
        next = out;
    }

    public static String seen() {
        return kept.write("bench", next);
    }
}
