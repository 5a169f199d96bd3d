package cutoff.local.bench;

import cutoff.calendar.FeedWriter;
import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Warm render time of a 200-event feed: the shipped notices' deadlines, repeated with distinct UIDs
 * and shifted by a week each round, rendered by {@link FeedWriter} after a warm-up, both as a repeat
 * render (the writer keeps built events) and as a first render. Prints medians and 95th percentiles in
 * milliseconds.
 *
 * <p>Arguments: the notices folder, rounds to measure (default 2000).
 */
public final class WarmRender {
    private WarmRender() {
    }

    /** Renders {@code input.apply(i)} (made before the clock starts) 500 times to warm up, then {@code rounds} timed. */
    private static void measure(String label, int rounds, java.util.function.BiFunction<String, List<Deadline>, String> render,
                                java.util.function.IntFunction<List<Deadline>> input) {
        int size = 0;
        for (int i = 0; i < 500; i++) {
            size = render.apply("bench", input.apply(i)).length();
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            List<Deadline> feed = input.apply(500 + i);
            long t = System.nanoTime();
            render.apply("bench", feed);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%s (%d chars): median %.2f ms, p95 %.2f ms over %d renders%n",
                label, size, nanos[rounds / 2] / 1e6, nanos[rounds * 95 / 100] / 1e6, rounds);
    }

    public static void main(String[] args) throws Exception {
        List<Deadline> base = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Notice n = NoticeJson.read(Files.readAllBytes(f));
                base.addAll(Deadlines.of(n, Instant.parse("2026-01-01T00:00:00Z")));
            }
        }
        List<Deadline> feed = new ArrayList<>();
        for (int i = 0; feed.size() < 200; i++) {
            Deadline d = base.get(i % base.size());
            int week = i / base.size();
            feed.add(new Deadline("w" + week + "-" + d.uid(), d.noticeId(), d.topicId(), d.kind(),
                    d.at() == null ? null : d.at().plus(Duration.ofDays(7L * week)), d.date().plusWeeks(week), d.zone(),
                    d.summary(), d.description(), d.url(), d.sequence(), d.lastModified(), d.cancelled()));
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        // Repeat render: the same feed again from a warm container (events kept by the writer).
        measure("warm render, 200 events, repeat (events cached)", rounds, new FeedWriter()::write, i -> feed);
        // First render of these deadlines in a warm JVM: a new writer each time and UIDs new to the JVM (the
        // writers of a JVM share the events they wrote), so nothing is cached.
        measure("warm render, 200 events, first (nothing cached)", rounds, (n, d) -> new FeedWriter().write(n, d),
                i -> feed.stream().map(d -> new Deadline("r" + i + "-" + d.uid(), d.noticeId(), d.topicId(), d.kind(), d.at(),
                        d.date(), d.zone(), d.summary(), d.description(), d.url(), d.sequence(), d.lastModified(),
                        d.cancelled())).toList());
    }
}
