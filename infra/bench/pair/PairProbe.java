import cutoff.calendar.FeedWriter;
import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import java.lang.reflect.Method;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Loaded once per commit's jars by {@code Pair}: WarmRender's 200-event feed (the shipped notices' deadlines repeated
 * with distinct UIDs, a week apart), in these cases, each prepared untimed before its timed part:
 * <ul>
 *   <li>{@code first}: 200 deadline versions never written in this JVM (UIDs new each call, text as the notices give it),
 *       by a new writer;</li>
 *   <li>{@code seen}: the same 200 deadlines as an earlier feed of this writer, as a store read gives them again:
 *       new objects with new strings (no hash computed yet).</li>
 *   <li>{@code stored}: as the feed function does it from a {@code Query}'s items: 200 deadline versions never written
 *       in this JVM, each item as the commit's store writes it ({@code NoticeStore.deadlineItem}: from a commit that
 *       stores the event's text, with it) and with new strings, decoded by the store ({@code NoticeStore.readDeadline})
 *       and written by a new writer; timed: the decoding and the write;</li>
 *   <li>{@code keepWrite}: the same, the items decoded untimed, the stored texts kept timed ({@code StoredEvent.keepFor},
 *       a commit that has it): what the feed function does beyond decoding, the old commit's first render;</li>
 *   <li>{@code storedWrite}: the same, the items decoded and the texts kept untimed: the write alone;</li>
 *   <li>{@code items}: the store's items built for 200 deadline versions never written in this JVM (what an ingest,
 *       publication or withdrawal writes; a commit that stores the text writes the events then).</li>
 * </ul>
 */
public final class PairProbe {
    static List<Deadline> feed;
    static List<Deadline> next;
    static int round;
    static final FeedWriter kept = new FeedWriter();
    static Method deadlineItem;
    static Method readDeadline;
    static List<Map<String, AttributeValue>> nextItems;
    static List<Deadline> nextDeadlines;
    static Method deadlineOnly;
    static java.lang.reflect.Constructor<?> storedEvent;
    static Method keepFor;
    static List<Object> nextStored;

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
        Class<?> store = Class.forName("cutoff.store.NoticeStore");
        deadlineItem = store.getDeclaredMethod("deadlineItem", Deadline.class);
        deadlineItem.setAccessible(true);
        readDeadline = store.getDeclaredMethod("readDeadline", Map.class);
        readDeadline.setAccessible(true);
        try {
            // A commit that stores the event's text: its decoding without the keeping, and the keeping.
            deadlineOnly = store.getDeclaredMethod("deadline", Map.class);
            deadlineOnly.setAccessible(true);
            Class<?> stored = Class.forName("cutoff.calendar.StoredEvent");
            storedEvent = stored.getConstructor(String.class, String.class, long.class);
            keepFor = stored.getMethod("keepFor", Deadline.class);
        } catch (ReflectiveOperationException e) {
            deadlineOnly = null;
        }
    }

    /** The feed's deadlines as versions never seen in this JVM: the UIDs prefixed anew. */
    private static List<Deadline> versions(String prefix) {
        List<Deadline> out = new ArrayList<>(feed.size());
        for (Deadline d : feed) {
            out.add(new Deadline(prefix + d.uid(), d.noticeId(), d.topicId(), d.kind(), d.at(), d.date(), d.zone(),
                    d.summary(), d.description(), d.url(), d.sequence(), d.lastModified(), d.cancelled()));
        }
        return out;
    }

    /** Items as a {@code Query} hands them over: every string new. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, AttributeValue>> items(List<Deadline> deadlines) throws Exception {
        List<Map<String, AttributeValue>> items = new ArrayList<>(deadlines.size());
        for (Deadline d : deadlines) {
            Map<String, AttributeValue> fresh = new HashMap<>();
            ((Map<String, AttributeValue>) deadlineItem.invoke(null, d)).forEach((k, v) ->
                    fresh.put(fresh(k), v.s() != null ? AttributeValue.fromS(fresh(v.s())) : v.n() != null ? AttributeValue.fromN(fresh(v.n())) : v));
            items.add(fresh);
        }
        return items;
    }

    private static List<Deadline> decoded(List<Map<String, AttributeValue>> items) throws Exception {
        List<Deadline> out = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            out.add((Deadline) readDeadline.invoke(null, item));
        }
        return out;
    }

    public static void prepareStored() throws Exception {
        nextItems = items(versions("s" + round++ + "-"));
    }

    public static String stored() throws Exception {
        return new FeedWriter().write("bench", decoded(nextItems));
    }

    public static void prepareStoredWrite() throws Exception {
        nextDeadlines = decoded(items(versions("w" + round++ + "-")));
    }

    public static String storedWrite() {
        return new FeedWriter().write("bench", nextDeadlines);
    }

    public static void prepareKeepWrite() throws Exception {
        List<Map<String, AttributeValue>> items = items(versions("k" + round++ + "-"));
        List<Deadline> decoded = new ArrayList<>(items.size());
        List<Object> stored = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            decoded.add((Deadline) (deadlineOnly != null ? deadlineOnly : readDeadline).invoke(null, item));
            stored.add(deadlineOnly == null ? null : storedEvent.newInstance(item.get("vevent").s(), item.get("veventTag").s(),
                    Long.parseLong(item.get("veventCheck").n())));
        }
        nextDeadlines = decoded;
        nextStored = stored;
    }

    public static String keepWrite() throws Exception {
        for (int i = 0; i < nextDeadlines.size(); i++) {
            if (nextStored.get(i) != null) {
                keepFor.invoke(nextStored.get(i), nextDeadlines.get(i));
            }
        }
        return new FeedWriter().write("bench", nextDeadlines);
    }

    public static void prepareItems() {
        nextDeadlines = versions("i" + round++ + "-");
    }

    public static String items() throws Exception {
        int n = 0;
        for (Deadline d : nextDeadlines) {
            n += ((Map<?, ?>) deadlineItem.invoke(null, d)).size() > 0 ? 1 : 0;
        }
        return n + " items";
    }

    private static String fresh(String s) {
        return s == null ? null : String.valueOf(s.toCharArray());
    }

    public static void prepareFirst() {
        next = versions("r" + round++ + "-");
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
