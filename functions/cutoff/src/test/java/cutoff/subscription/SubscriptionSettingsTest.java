package cutoff.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.subscriber.LeadTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The subscription settings rules ({@link SubscriptionSettings#check}) on generated notices and requests: each rule is
 * checked against a model of it over many random forms (ids padded with spaces and repeated, languages in any case,
 * lead times of every unit), and each kind of bad value is planted alone into an otherwise good request.
 * {@link SubscriptionSettingsShippedTest} checks them on the shipped notices.
 */
class SubscriptionSettingsTest {
    private static final int ROUNDS = 400;

    /** Some notices with 1 to {@code maxTopics} topics each, by id. */
    private static Map<String, Notice> notices(Random random, int count, int maxTopics) {
        Map<String, Notice> notices = new LinkedHashMap<>();
        for (int n = 0; n < count; n++) {
            String id = "2026-" + n + "-" + Integer.toHexString(0x100000 + random.nextInt(0xEFFFFF));
            List<Topic> topics = new ArrayList<>();
            int size = 1 + random.nextInt(maxTopics);
            for (int t = 1; t <= size; t++) {
                topics.add(new Topic(id + "-t" + t, "专题" + t, null, "题目" + t, null, null, null, null, null, null, null));
            }
            notices.put(id, new Notice(id, null, "机构" + random.nextInt(3), null, "关于第" + n + "批的通知", null, null, topics,
                    null, null, null));
        }
        return notices;
    }

    private static Function<String, Optional<Notice>> lookup(Map<String, Notice> notices) {
        return id -> Optional.ofNullable(notices.get(id));
    }

    /** The value with spaces, tabs or line breaks around it, or as it is. */
    private static String padded(Random random, String value) {
        String[] pads = {"", " ", "\t", "  ", "\n"};
        return pads[random.nextInt(pads.length)] + value + pads[random.nextInt(pads.length)];
    }

    private static String anyCase(Random random, String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }

    /** A lead time that parses: days, hours or minutes within 60 days, or MORNING, in any case. */
    private static String leadTime(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "P" + (1 + random.nextInt(60)) + "D";
            case 1 -> anyCase(random, "pt" + (1 + random.nextInt(48)) + "h");
            case 2 -> "PT" + (1 + random.nextInt(600)) + "M";
            default -> anyCase(random, "morning");
        };
    }

    /** A request whose every value is good: picks, with repeats and padding, from the notices given. */
    private record Asked(List<String> topics, List<String> notices, List<String> follow, String language, List<String> leads) {
    }

    private static Asked good(Random random, Map<String, Notice> notices) {
        List<String> ids = new ArrayList<>(notices.keySet());
        List<String> topicIds = notices.values().stream().flatMap(n -> n.topics().stream()).map(Topic::id).toList();
        List<String> wantedNotices = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            wantedNotices.add(padded(random, ids.get(random.nextInt(ids.size()))));
        }
        List<String> wantedTopics = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            wantedTopics.add(padded(random, topicIds.get(random.nextInt(topicIds.size()))));
        }
        List<String> follow = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            follow.add(padded(random, random.nextBoolean() ? anyCase(random, "all") : "issuer:机构" + random.nextInt(3)));
        }
        if (wantedNotices.isEmpty() && wantedTopics.isEmpty() && follow.isEmpty()) {
            wantedTopics.add(topicIds.get(0));
        }
        List<String> leads = new ArrayList<>();
        for (int i = random.nextInt(SubscriptionSettings.MAX_LEAD_TIMES + 1); i > 0; i--) {
            leads.add(leads.isEmpty() || random.nextInt(4) > 0 ? leadTime(random) : leads.get(random.nextInt(leads.size())));
        }
        String[] languages = {null, "", " ", "zh", "en"};
        String language = languages[random.nextInt(languages.length)];
        return new Asked(wantedTopics, wantedNotices, follow, language == null ? null : padded(random, anyCase(random, language)), leads);
    }

    private static SubscriptionSettings check(Asked a, Map<String, Notice> notices) throws InvalidRequestException {
        return SubscriptionSettings.check(a.topics(), a.notices(), a.follow(), a.language(), a.leads(), lookup(notices));
    }

    private static String refusedField(Asked a, Map<String, Notice> notices) {
        return assertThrows(InvalidRequestException.class, () -> check(a, notices), a.toString()).field();
    }

    @Test
    void aGoodRequest_resolvesToItsNoticesTopics_thenTheTopicsNamed_eachOnce_withItsLanguageAndLeadTimes() throws Exception {
        Random random = new Random(1802);
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Notice> notices = notices(random, 1 + random.nextInt(5), 6);
            Asked a = good(random, notices);
            // A model of the rules, written apart from them.
            Set<String> noticeIds = new LinkedHashSet<>(a.notices().stream().map(String::strip).toList());
            Set<String> topics = new LinkedHashSet<>();
            noticeIds.forEach(id -> notices.get(id).topics().forEach(t -> topics.add(t.id())));
            a.topics().forEach(t -> topics.add(t.strip()));
            Set<LeadTime> leads = new LinkedHashSet<>();
            a.leads().forEach(l -> leads.add(new LeadTime(l.strip().toUpperCase(Locale.ROOT))));
            Set<String> rules = new LinkedHashSet<>();
            a.follow().forEach(f -> rules.add(f.strip().equalsIgnoreCase("all") ? "all" : f.strip()));

            SubscriptionSettings s = check(a, notices);
            assertEquals(List.copyOf(topics), s.topicIds(), a.toString());
            assertEquals(List.copyOf(noticeIds), s.noticeIds(), a.toString());
            assertEquals(List.copyOf(rules), s.followRules(), a.toString());
            assertEquals(a.language() == null || a.language().isBlank() ? "zh" : a.language().strip().toLowerCase(Locale.ROOT),
                    s.language(), a.toString());
            assertEquals(leads.isEmpty() ? LeadTime.DEFAULTS : List.copyOf(leads), s.leadTimes(), a.toString());
        }
    }

    @Test
    void oneBadValue_inAnOtherwiseGoodRequest_isRefusedInItsOwnField() {
        Random random = new Random(1803);
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Notice> notices = notices(random, 1 + random.nextInt(4), 4);
            Asked a = good(random, notices);
            String someNotice = notices.keySet().iterator().next();
            List<String> topics = new ArrayList<>(a.topics());
            List<String> noticeIds = new ArrayList<>(a.notices());
            List<String> follow = new ArrayList<>(a.follow());
            List<String> leads = new ArrayList<>(a.leads());
            String language = a.language();
            String field;
            String blank = random.nextBoolean() ? null : padded(random, "");
            switch (random.nextInt(9)) {
                case 0 -> { // a topic its notice does not have, or of a notice there is not
                    topics.add(random.nextInt(topics.size() + 1),
                            random.nextBoolean() ? someNotice + "-t" + (10 + random.nextInt(90)) : "2099-9-abcdef-t1");
                    field = "topics";
                }
                case 1 -> { // a notice id, a word, or nothing like an id where a topic goes
                    topics.add(random.nextBoolean() ? someNotice : "topic" + random.nextInt(100));
                    field = "topics";
                }
                case 2 -> {
                    noticeIds.add(random.nextInt(noticeIds.size() + 1), "2099-" + random.nextInt(9) + "-000000");
                    field = "notices";
                }
                case 3 -> {
                    String[] bad = {"fr", "zh-CN", "en-GB", "cn", "中文", "english", "z h", "ja"};
                    language = padded(random, anyCase(random, bad[random.nextInt(bad.length)]));
                    field = "language";
                }
                case 4 -> {
                    String[] bad = {"P0D", "P61D", "PT30S", "P1M", "P1Y", "-P1D", "soon", "7", "P", "MORNINGS", "PT1H30S"};
                    leads.add(random.nextInt(Math.min(leads.size(), SubscriptionSettings.MAX_LEAD_TIMES - 1) + 1),
                            bad[random.nextInt(bad.length)]);
                    if (leads.stream().map(String::strip).distinct().count() > SubscriptionSettings.MAX_LEAD_TIMES) {
                        leads.remove(leads.size() - 1);
                    }
                    field = "leadTimes";
                }
                case 5 -> {
                    String[] bad = {"everything", "issuer:", "topic:x", "issuer:" + "长".repeat(200), "all issuers"};
                    follow.add(bad[random.nextInt(bad.length)]);
                    field = "follow";
                }
                case 6 -> {
                    topics.add(random.nextInt(topics.size() + 1), blank);
                    field = "topics";
                }
                case 7 -> {
                    List<List<String>> lists = List.of(noticeIds, follow);
                    int which = random.nextInt(2);
                    lists.get(which).add(blank);
                    field = which == 0 ? "notices" : "follow";
                }
                default -> {
                    if (leads.size() >= SubscriptionSettings.MAX_LEAD_TIMES) {
                        leads.remove(0);
                    }
                    leads.add(blank);
                    field = "leadTimes";
                }
            }
            assertEquals(field, refusedField(new Asked(topics, noticeIds, follow, language, leads), notices), field);
        }
    }

    @Test
    void eachListField_takesUpToItsLimit_ofDifferentValues_andNotOneMore() throws Exception {
        Random random = new Random(1804);
        Map<String, Notice> many = notices(random, SubscriptionSettings.MAX_NOTICES + 1, 9);
        List<String> allTopics = many.values().stream().flatMap(n -> n.topics().stream()).map(Topic::id).toList();
        assertTrue(allTopics.size() > SubscriptionSettings.MAX_TOPICS, "enough topics to pass the limit");
        for (int round = 0; round < 20; round++) {
            List<String> shuffledTopics = new ArrayList<>(allTopics);
            Collections.shuffle(shuffledTopics, random);
            List<String> topics = shuffledTopics.subList(0, SubscriptionSettings.MAX_TOPICS);
            List<String> repeated = new ArrayList<>(topics);
            repeated.add(padded(random, topics.get(random.nextInt(topics.size()))));
            assertEquals(SubscriptionSettings.MAX_TOPICS, check(new Asked(repeated, null, null, null, null), many).topicIds().size());
            List<String> tooMany = new ArrayList<>(topics);
            tooMany.add(shuffledTopics.get(SubscriptionSettings.MAX_TOPICS));
            assertEquals("topics", refusedField(new Asked(tooMany, null, null, null, null), many));

            List<String> ids = new ArrayList<>(many.keySet());
            Collections.shuffle(ids, random);
            assertEquals("notices", refusedField(new Asked(null, ids, null, null, null), many), "one notice over the limit");
            // Within the notice limit, yet more topics than a subscriber may have once the notices are expanded.
            List<String> expanding = new ArrayList<>();
            int count = 0;
            for (String id : ids) {
                if (count > SubscriptionSettings.MAX_TOPICS) {
                    break;
                }
                expanding.add(id);
                count += many.get(id).topics().size();
            }
            if (expanding.size() <= SubscriptionSettings.MAX_NOTICES) {
                assertEquals("topics", refusedField(new Asked(null, expanding, null, null, null), many));
            }

            List<String> leads = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            while (seen.size() < SubscriptionSettings.MAX_LEAD_TIMES + 1) {
                String l = "P" + (1 + random.nextInt(60)) + "D";
                if (seen.add(l)) {
                    leads.add(l);
                }
            }
            assertEquals(SubscriptionSettings.MAX_LEAD_TIMES, check(new Asked(List.of(allTopics.get(0)), null, null, null,
                    leads.subList(0, SubscriptionSettings.MAX_LEAD_TIMES)), many).leadTimes().size());
            assertEquals("leadTimes", refusedField(new Asked(List.of(allTopics.get(0)), null, null, null, leads), many));

            List<String> rules = new ArrayList<>();
            for (int i = 0; i <= SubscriptionSettings.MAX_FOLLOW_RULES; i++) {
                rules.add("issuer:机构" + i);
            }
            Collections.shuffle(rules, random);
            assertEquals(SubscriptionSettings.MAX_FOLLOW_RULES, check(new Asked(null, null,
                    rules.subList(0, SubscriptionSettings.MAX_FOLLOW_RULES), null, null), many).followRules().size());
            assertEquals("follow", refusedField(new Asked(null, null, rules, null, null), many));
        }
    }

    @Test
    void aWithdrawnTopic_isRefusedAsAnUnknownOne_sayingSo_andANoticeNamedWhole_givesOnlyItsTopicsNotWithdrawn() throws Exception {
        Random random = new Random(1806);
        int refusedTopics = 0;
        int refusedNotices = 0;
        int taken = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Notice> notices = notices(random, 1 + random.nextInt(5), 4);
            // Some notices withdrawn whole, some topics dropped alone, the rest live.
            Set<String> withdrawn = new LinkedHashSet<>();
            for (Notice n : notices.values()) {
                boolean whole = random.nextInt(4) == 0;
                n.topics().stream().filter(t -> whole || random.nextInt(5) == 0).forEach(t -> withdrawn.add(t.id()));
            }
            Asked a = good(random, notices);
            // A model of the rule, written apart from it: notices are checked before topics.
            Set<String> noticeIds = new LinkedHashSet<>(a.notices().stream().map(String::strip).toList());
            String wholeWithdrawn = noticeIds.stream().filter(id -> notices.get(id).topics().stream().allMatch(t -> withdrawn.contains(t.id())))
                    .findFirst().orElse(null);
            String withdrawnTopic = a.topics().stream().map(String::strip).filter(withdrawn::contains).findFirst().orElse(null);
            if (wholeWithdrawn != null || withdrawnTopic != null) {
                InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> SubscriptionSettings.check(a.topics(),
                        a.notices(), a.follow(), a.language(), a.leads(), lookup(notices), withdrawn::contains), a + " " + withdrawn);
                assertEquals(wholeWithdrawn != null ? "notices" : "topics", e.field(), e.getMessage());
                assertEquals((wholeWithdrawn != null ? "notice " + wholeWithdrawn : "topic " + withdrawnTopic) + ": this call was withdrawn",
                        e.getMessage());
                if (wholeWithdrawn != null) {
                    refusedNotices++;
                } else {
                    refusedTopics++;
                }
                continue;
            }
            Set<String> topics = new LinkedHashSet<>();
            noticeIds.forEach(id -> notices.get(id).topics().stream().map(Topic::id).filter(t -> !withdrawn.contains(t)).forEach(topics::add));
            a.topics().forEach(t -> topics.add(t.strip()));
            SubscriptionSettings settings = SubscriptionSettings.check(a.topics(), a.notices(), a.follow(), a.language(), a.leads(),
                    lookup(notices), withdrawn::contains);
            assertEquals(List.copyOf(topics), settings.topicIds(), a + " " + withdrawn);
            assertEquals(List.copyOf(noticeIds), settings.noticeIds());
            taken++;
        }
        assertTrue(refusedTopics > 20 && refusedNotices > 20 && taken > 20, refusedTopics + " " + refusedNotices + " " + taken);
    }

    @Test
    void aRequestNamingNothing_isRefused_whateverElseItSays() {
        Random random = new Random(1805);
        Map<String, Notice> notices = notices(random, 3, 3);
        for (int round = 0; round < ROUNDS; round++) {
            Asked a = good(random, notices);
            assertEquals("topics", refusedField(new Asked(random.nextBoolean() ? null : List.of(), random.nextBoolean() ? null : List.of(),
                    random.nextBoolean() ? null : List.of(), a.language(), a.leads()), notices));
        }
    }
}
