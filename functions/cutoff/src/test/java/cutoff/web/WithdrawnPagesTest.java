package cutoff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.store.NoticeStore.StoredNotice;
import cutoff.testing.Project;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Withdrawn topics on the pages, without a store: for every shipped notice and every subset of its topics withdrawn
 * (every deadline of a topic cancelled), the calls page lists exactly the others and a withdrawn topic's page says so.
 */
class WithdrawnPagesTest {
    private static final Instant WITHDRAWN_AT = Instant.parse("2026-05-10T03:00:00Z");

    private static StoredNotice withdrawing(Notice n, Set<String> topics) throws Exception {
        List<Deadline> deadlines = Deadlines.of(n, Instant.parse("2026-01-01T00:00:00Z")).stream()
                .map(d -> topics.contains(d.topicId()) ? d.asCancelled(d.sequence() + 1, WITHDRAWN_AT) : d).toList();
        return new StoredNotice(n, deadlines);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> listed(Map<String, Object> view) {
        return java.util.stream.Stream.concat(((List<Map<String, Object>>) view.get("open")).stream(),
                ((List<Map<String, Object>>) view.get("closed")).stream()).map(m -> (String) m.get("id")).collect(Collectors.toSet());
    }

    @Test
    void theCallsPage_listsEveryTopicButTheWithdrawnOnes_andATopicsPageSaysItWasWithdrawn() throws Exception {
        int checked = 0;
        for (Notice n : Project.shippedNotices()) {
            List<String> ids = n.topics().stream().map(Topic::id).toList();
            for (int mask = 0; mask < 1 << Math.min(ids.size(), 4); mask++) {
                Set<String> gone = new java.util.HashSet<>();
                for (int i = 0; i < Math.min(ids.size(), 4); i++) {
                    if ((mask & 1 << i) != 0) {
                        gone.add(ids.get(i));
                    }
                }
                StoredNotice sn = withdrawing(n, gone);
                Map<String, Object> calls = CallsPage.view("en", List.of(sn), WITHDRAWN_AT,
                        new CallsPage.Filters(null, null, null, null, true));
                Set<String> expected = ids.stream().filter(id -> !gone.contains(id)).collect(Collectors.toSet());
                assertEquals(expected, listed(calls), n.id() + " withdrawn " + gone);
                for (Topic t : n.topics()) {
                    Map<String, Object> page = TopicPage.view("en", sn, t, WITHDRAWN_AT, "https://cutoff.example");
                    boolean withdrawn = gone.contains(t.id());
                    assertEquals(withdrawn, page.containsKey("withdrawn"), t.id());
                    String html = Layout.render("topic", page);
                    assertEquals(withdrawn, html.contains("This call was withdrawn (2026-05-10)"), t.id());
                    assertEquals(!withdrawn, html.contains("id=\"remind-heading\""), t.id());
                    if (withdrawn) {
                        assertFalse(html.contains("data-countdown"), t.id());
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked);
    }

    @Test
    void aTopicALaterIngestDropped_hasAPageSayingSo_namedByItsCutoff_andAnUnknownOneHasNone() throws Exception {
        Notice n = Project.shippedNotice("2026-8-304af3");
        StoredNotice sn = withdrawing(n, Set.of(n.topics().get(0).id()));
        StoredNotice dropped = new StoredNotice(n.withTopics(n.topics().subList(1, n.topics().size())), sn.deadlines());
        String id = n.topics().get(0).id();
        for (String language : List.of("zh", "en")) {
            Map<String, Object> view = TopicPage.dropped(language, dropped, id, WITHDRAWN_AT).orElseThrow();
            String html = Layout.render("topic", view);
            assertTrue(html.contains(n.topics().get(0).displayName()), html);
            assertTrue(html.contains(language.equals("en") ? "This call was withdrawn (2026-05-10)" : "此申报已撤回（2026-05-10）"), html);
        }
        assertTrue(TopicPage.dropped("en", dropped, n.id() + "-t9", WITHDRAWN_AT).isEmpty());
        assertTrue(TopicPage.dropped("en", withdrawing(n, Set.of()), n.topics().get(1).id(), WITHDRAWN_AT).isEmpty(), "a live topic");
    }
}
