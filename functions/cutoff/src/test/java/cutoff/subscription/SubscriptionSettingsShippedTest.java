package cutoff.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.subscriber.LeadTime;
import cutoff.testing.Project;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The subscription settings rules ({@link SubscriptionSettings#check}) without a store: the shipped notices stand in
 * for the table, looked up by id. {@link SubscriptionSettingsTest} checks the same rules on generated notices
 * and requests.
 */
class SubscriptionSettingsShippedTest {
    // Read in @BeforeAll, not a static initializer: in a lone copy (sam build) Project's skip then reports the class
    // skipped, where an initializer's error would fail it.
    private static Map<String, Notice> NOTICES;
    private static final Function<String, Optional<Notice>> LOOKUP = id -> Optional.ofNullable(NOTICES.get(id));
    private static List<String> ALL_TOPICS;

    @BeforeAll
    static void readTheShippedNotices() {
        NOTICES = Project.shippedNotices().stream().collect(Collectors.toMap(Notice::id, n -> n));
        ALL_TOPICS = NOTICES.values().stream().flatMap(n -> n.topics().stream()).map(Topic::id).sorted().toList();
    }

    private static SubscriptionSettings settings(List<String> topics, List<String> notices, List<String> follow, String language,
                                     List<String> leads) throws InvalidRequestException {
        return SubscriptionSettings.check(topics, notices, follow, language, leads, LOOKUP);
    }

    private static InvalidRequestException refused(List<String> topics, List<String> notices, List<String> follow, String language,
                                                   List<String> leads) {
        return assertThrows(InvalidRequestException.class, () -> settings(topics, notices, follow, language, leads));
    }

    @Test
    void eachShippedTopic_alone_isTakenWithTheDefaults() throws Exception {
        for (String topic : ALL_TOPICS) {
            SubscriptionSettings s = settings(List.of(topic), null, null, null, null);
            assertEquals(List.of(topic), s.topicIds());
            assertEquals(LeadTime.DEFAULTS, s.leadTimes(), "no lead times: the defaults");
            assertEquals("zh", s.language(), "no language: Chinese");
            assertEquals(List.of(), s.noticeIds());
            assertEquals(List.of(), s.followRules());
        }
    }

    @Test
    void aNotice_bringsEveryTopicOfIt_beforeTheTopicsNamed_andDuplicatesCountOnce() throws Exception {
        for (Notice n : NOTICES.values()) {
            List<String> own = n.topics().stream().map(Topic::id).toList();
            String other = ALL_TOPICS.stream().filter(t -> !own.contains(t)).findFirst().orElseThrow();
            SubscriptionSettings s = settings(List.of(other, own.get(0), " " + other + " "), List.of(n.id(), n.id()), null, "en", null);
            List<String> expected = new ArrayList<>(own);
            expected.add(other);
            assertEquals(expected, s.topicIds(), n.id());
            assertEquals(List.of(n.id()), s.noticeIds());
        }
    }

    @Test
    void theLanguage_isZhOrEn_inAnyCaseAndSpacing_andNothingElse() throws Exception {
        String topic = ALL_TOPICS.get(0);
        for (String zh : List.of("zh", "ZH", " zh ", "Zh", "", " ")) {
            assertEquals("zh", settings(List.of(topic), null, null, zh, null).language(), "'" + zh + "'");
        }
        for (String en : List.of("en", "EN", "\ten\n", "eN")) {
            assertEquals("en", settings(List.of(topic), null, null, en, null).language(), "'" + en + "'");
        }
        for (String other : List.of("fr", "zh-CN", "en-GB", "cn", "中文", "english")) {
            InvalidRequestException e = refused(List.of(topic), null, null, other, null);
            assertEquals("language", e.field(), other);
            assertTrue(e.getMessage().contains(other), e.getMessage());
        }
    }

    @Test
    void leadTimes_parseInOrder_withoutRepeats_upToTheLimit() throws Exception {
        String topic = ALL_TOPICS.get(0);
        List<String> days = IntStream.rangeClosed(1, SubscriptionSettings.MAX_LEAD_TIMES).mapToObj(d -> "P" + d + "D").toList();
        List<String> shuffled = new ArrayList<>(days);
        Collections.reverse(shuffled);
        SubscriptionSettings s = settings(List.of(topic), null, null, null, shuffled);
        assertEquals(shuffled.stream().map(LeadTime::parse).toList(), s.leadTimes(), "in the order given");
        List<String> repeated = new ArrayList<>(days);
        repeated.addAll(days);
        assertEquals(SubscriptionSettings.MAX_LEAD_TIMES, settings(List.of(topic), null, null, null, repeated).leadTimes().size(),
                "a repeat counts once");
        List<String> tooMany = new ArrayList<>(days);
        tooMany.add("PT1H");
        assertEquals("leadTimes", refused(List.of(topic), null, null, null, tooMany).field());
        for (String bad : List.of("soon", "7", "P", "PT30S", "-P1D", "MORNINGS")) {
            assertEquals("leadTimes", refused(List.of(topic), null, null, null, List.of(bad)).field(), bad);
        }
    }

    @Test
    void unknownTopicsAndNotices_areRefusedByName_andNothingAtAll_too() {
        String notice = NOTICES.keySet().iterator().next();
        for (String topic : List.of(notice + "-t99", "2099-1-000000-t1", "nonsense", notice)) {
            InvalidRequestException e = refused(List.of(ALL_TOPICS.get(0), topic), null, null, null, null);
            assertEquals("topics", e.field(), topic);
            assertTrue(e.getMessage().contains(topic), e.getMessage());
        }
        InvalidRequestException e = refused(null, List.of("2099-1-000000"), null, null, null);
        assertEquals("notices", e.field());
        assertEquals("topics", refused(null, null, null, null, null).field(), "a request names a topic, a notice or a rule");
        assertEquals("topics", refused(List.of(), List.of(), List.of(), "zh", List.of()).field());
    }

    @Test
    void emptyValues_andTooManyDifferentOnes_areRefusedInTheirField() {
        String topic = ALL_TOPICS.get(0);
        assertEquals("topics", refused(java.util.Arrays.asList(topic, null), null, null, null, null).field());
        assertEquals("topics", refused(List.of(topic, " "), null, null, null, null).field());
        assertEquals("notices", refused(List.of(topic), List.of(""), null, null, null).field());
        assertEquals("leadTimes", refused(List.of(topic), null, null, null, List.of("P1D", "")).field());
        assertEquals("follow", refused(List.of(topic), null, List.of("\t"), null, null).field());
        List<String> manyNotices = IntStream.rangeClosed(0, SubscriptionSettings.MAX_NOTICES).mapToObj(i -> "2099-1-" + i).toList();
        assertEquals("notices", refused(null, manyNotices, null, null, null).field());
        List<String> manyTopics = IntStream.rangeClosed(0, SubscriptionSettings.MAX_TOPICS).mapToObj(i -> "2099-1-000000-t" + i).toList();
        assertEquals("topics", refused(manyTopics, null, null, null, null).field());
    }

    @Test
    void followRules_aloneAreEnough_andABadOneIsRefused() throws Exception {
        SubscriptionSettings s = settings(null, null, List.of("all", "all"), null, null);
        assertEquals(List.of(), s.topicIds());
        assertEquals(List.of("all"), s.followRules());
        for (String bad : List.of("everything", "issuer:", "topic:x")) {
            assertEquals("follow", refused(null, null, List.of(bad), null, null).field(), bad);
        }
        List<String> many = IntStream.rangeClosed(0, SubscriptionSettings.MAX_FOLLOW_RULES).mapToObj(i -> "issuer:机构" + i).toList();
        assertEquals("follow", refused(null, null, many, null, null).field());
    }
}
