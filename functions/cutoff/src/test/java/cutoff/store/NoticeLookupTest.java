package cutoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.store.NoticeStore.StoredNotice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link NoticeLookup} over a counting in-memory reader: each notice is read once, whatever is asked and in what order. */
class NoticeLookupTest {
    private static Notice notice(String id, String number, String title, int topics) {
        List<Topic> ts = new ArrayList<>();
        for (int i = 1; i <= topics; i++) {
            ts.add(new Topic(id + "-t" + i, "专题" + i, null, "题目" + i, null, null, null, null, null, null, null));
        }
        return new Notice(id, number, "发布机构", null, title, null, null, ts, null, null, null);
    }

    @Test
    void everyNotice_isReadOnce_presentOrAbsent_andATopicFindsItsNoticesLabel() {
        Random random = new Random(18);
        for (int round = 0; round < 50; round++) {
            Map<String, StoredNotice> table = new HashMap<>();
            int notices = 1 + random.nextInt(6);
            for (int n = 0; n < notices; n++) {
                String id = "2026-" + round + "-" + n;
                String number = random.nextBoolean() ? "沪科〔2026〕" + n + "号" : null;
                table.put(id, new StoredNotice(notice(id, number, "关于第" + n + "批的通知", 1 + random.nextInt(4)), List.of()));
            }
            Map<String, AtomicInteger> reads = new HashMap<>();
            NoticeLookup lookup = new NoticeLookup(id -> {
                reads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                return Optional.ofNullable(table.get(id));
            });
            List<String> asked = new ArrayList<>(table.keySet());
            asked.add("2099-1-absent");
            for (int ask = 0; ask < 40; ask++) {
                String id = asked.get(random.nextInt(asked.size()));
                StoredNotice s = table.get(id);
                switch (random.nextInt(3)) {
                    case 0 -> assertEquals(Optional.ofNullable(s).map(StoredNotice::notice), lookup.notice(id), id);
                    case 1 -> assertEquals(Optional.ofNullable(s), lookup.stored(id), id);
                    default -> {
                        int topic = 1 + random.nextInt(5);
                        String topicId = id + "-t" + topic;
                        Optional<String> label = lookup.topicLabel(topicId);
                        Optional<Topic> t = s == null ? Optional.empty() : s.topic(topicId);
                        assertEquals(t, lookup.topic(topicId), topicId);
                        assertEquals(t.map(x -> (s.notice().documentNumber() != null ? s.notice().documentNumber()
                                : s.notice().title()) + " · 专题" + topic + " 题目" + topic), label, topicId);
                    }
                }
            }
            reads.forEach((id, count) -> assertEquals(1, count.get(), id + " read more than once"));
        }
    }

    @Test
    void whatIsNoNoticeId_isNeitherReadNorKept() {
        AtomicInteger reads = new AtomicInteger();
        NoticeLookup lookup = new NoticeLookup(id -> {
            reads.incrementAndGet();
            return Optional.empty();
        });
        for (String bad : java.util.Arrays.asList(null, "", "a b", "x".repeat(65), "../etc", "文件")) {
            assertTrue(lookup.notice(bad).isEmpty(), String.valueOf(bad));
            assertTrue(lookup.topic(bad).isEmpty(), String.valueOf(bad));
        }
        assertEquals(0, reads.get());
    }
}
