import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB sizes of the shipped notices' items as one commit's store builds them ({@code NoticeStore.deadlineItem},
 * {@code noticeItem}), by DynamoDB's rules (names and strings in UTF-8 bytes, a number about one byte per two digits,
 * a map 3 bytes and one per entry), and what a feed's {@code Query} reads: a notice's partition (its notice item, its
 * feed stamp, its deadline items) and {@code all.ics} (every deadline item), in 4 KB read units (an eventually
 * consistent read is half a unit). Argument: the notices folder.
 */
public final class ItemSizes {
    static long size(String name, AttributeValue v) {
        return name.getBytes(StandardCharsets.UTF_8).length + value(v);
    }

    static long value(AttributeValue v) {
        if (v.s() != null) return v.s().getBytes(StandardCharsets.UTF_8).length;
        if (v.n() != null) return (v.n().replace("-", "").replaceFirst("^0+(?=.)", "").length() + 1) / 2 + 1;
        if (v.bool() != null) return 1;
        if (v.hasM()) {
            long s = 3;
            for (var e : v.m().entrySet()) s += size(e.getKey(), e.getValue()) + 1;
            return s;
        }
        throw new IllegalArgumentException(v.toString());
    }

    static long size(Map<String, AttributeValue> item) {
        long s = 0;
        for (var e : item.entrySet()) s += size(e.getKey(), e.getValue());
        return s;
    }

    static long units(long bytes) {
        return (bytes + 4095) / 4096;
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] a) throws Exception {
        Class<?> store = Class.forName("cutoff.store.NoticeStore");
        Method deadlineItem = store.getDeclaredMethod("deadlineItem", Deadline.class);
        deadlineItem.setAccessible(true);
        Method noticeItem = store.getDeclaredMethod("noticeItem", Notice.class, String.class, Instant.class);
        noticeItem.setAccessible(true);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        long all = 0, largest = 0;
        int count = 0;
        try (var files = Files.list(Path.of(a[0]))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Notice n = NoticeJson.read(Files.readAllBytes(f));
                long notice = size((Map<String, AttributeValue>) noticeItem.invoke(null, n, NoticeJson.write(n), now));
                long stamp = size(Map.of("PK", AttributeValue.fromS("NOTICE#" + n.id()), "SK", AttributeValue.fromS("#FEED"),
                        "stamp", AttributeValue.fromS("2026-01-01T00:00:00.000Z-abcdef12")));
                long deadlines = 0;
                int k = 0;
                for (Deadline d : Deadlines.of(n, now)) {
                    long s = size((Map<String, AttributeValue>) deadlineItem.invoke(null, d));
                    deadlines += s;
                    largest = Math.max(largest, s);
                    k++;
                }
                long partition = notice + stamp + deadlines;
                System.out.printf("%s: %d deadline items, %d bytes (%d each on average); notice item %d bytes; its feed's Query %d bytes, %d read units%n",
                        n.id(), k, deadlines, deadlines / k, notice, partition, units(partition));
                all += deadlines;
                count += k;
            }
        }
        System.out.printf("all.ics: %d deadline items, %d bytes (%d each on average, the largest %d); its Query %d read units%n",
                count, all, all / count, largest, units(all));
    }
}
