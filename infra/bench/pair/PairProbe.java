import cutoff.calendar.FeedWriter;
import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.stream.Stream;

/** Loaded once per commit's jars by {@code Pair}: WarmRender's 200-event feed, rendered first (new writer) or again (kept writer). */
public final class PairProbe {
    static List<Deadline> feed;
    static FeedWriter kept = new FeedWriter();
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
    }
    public static String first() { return new FeedWriter().write("bench", feed); }
    public static String repeat() { return kept.write("bench", feed); }
}
