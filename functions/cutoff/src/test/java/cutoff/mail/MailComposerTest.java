package cutoff.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.DeadlineKind;
import cutoff.reminder.Reminder;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailComposerTest {
    private static final String BASE = "https://cutoff.example";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Instant CREATED = Instant.parse("2026-03-01T00:00:00Z");
    /** Our cutoff: 16:30 Beijing on 10 April 2026. */
    private static final Instant CUTOFF = OffsetDateTime.parse("2026-04-10T16:30+08:00").toInstant();

    private final MailComposer composer = new MailComposer(BASE);

    private static Subscriber subscriber(String language) {
        return new Subscriber("sub-1", "li.wei@example.com", language, List.of("t1"), LeadTime.DEFAULTS,
                Subscriber.Status.CONFIRMED, CREATED, CREATED, null, null);
    }

    private static Reminder item(String uid, String lead, Reminder.Kind kind, Instant dueAt, DeadlineKind deadlineKind,
            Instant at, LocalDate date, ZoneId zone, String summary, String previous) {
        return new Reminder("sub-1", uid, lead, kind, dueAt, Reminder.Status.SENDING, "n1", "t1", deadlineKind, at, date,
                zone, summary, previous, "run-1", dueAt);
    }

    private static Reminder cutoff(String lead, Instant dueAt) {
        return item("t1-closes@cutoff", lead, Reminder.Kind.REMINDER, dueAt, DeadlineKind.CLOSES, CUTOFF,
                LocalDate.of(2026, 4, 10), BEIJING, "申报截止 Cutoff · 专题一 Topic 1", null);
    }

    private static String all(OutgoingEmail e) {
        return e.subject() + "\n" + e.text() + "\n" + e.html();
    }

    // --- confirmation ---

    @Test
    void confirmationInChineseCarriesTopicsLinkAndValidity() {
        OutgoingEmail e = composer.confirmation(subscriber("zh"), List.of("专题一 Topic 1", "专题二 Topic 2"), "ctok",
                Duration.ofHours(48));
        assertEquals("li.wei@example.com", e.to());
        assertTrue(e.subject().contains("请确认订阅"), e.subject());
        assertTrue(e.subject().contains("Confirm your Cutoff subscription"), e.subject());
        assertTrue(e.text().contains("- 专题一 Topic 1\n- 专题二 Topic 2"), e.text());
        assertTrue(e.text().contains("https://cutoff.example/subscriptions/confirm?token=ctok"), e.text());
        assertTrue(attributes(e.html()).contains("href=\"https://cutoff.example/subscriptions/confirm?token=ctok\""), e.html());
        assertTrue(e.text().contains("链接48小时内有效"), e.text());
        assertTrue(e.text().contains("for 48 hours"), e.text());
    }

    @Test
    void confirmationInEnglishHasNoChinese() {
        OutgoingEmail e = composer.confirmation(subscriber("en"), List.of("Topic 1"), "ctok", Duration.ofHours(24));
        assertEquals("Confirm your Cutoff subscription", e.subject());
        assertTrue(e.text().contains("for 24 hours"), e.text());
        assertFalse(e.text().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                e.text());
    }

    // --- reminders ---

    @Test
    void ourCutoffInBeijingTimeWithDaysLeftAndLead() {
        Instant now = OffsetDateTime.parse("2026-04-03T16:30+08:00").toInstant();
        OutgoingEmail en = composer.due(subscriber("en"), List.of(cutoff("P7D", now)), "mtok", now);
        assertTrue(en.text().contains("2026-04-10 16:30 Beijing time (UTC+08:00)"), en.text());
        assertTrue(en.text().contains("7 days left · 7 days before"), en.text());
        assertTrue(en.text().contains("research office's internal deadline"), en.text());
        assertFalse(en.text().contains("In Beijing time"), "no second zone for ours: " + en.text());
        assertTrue(en.text().contains("https://cutoff.example/feeds/topics/t1.ics"), en.text());

        OutgoingEmail zh = composer.due(subscriber("zh"), List.of(cutoff("P7D", now)), "mtok", now);
        assertTrue(zh.text().contains("剩余7天 7 days left · 提前7天"), zh.text());
        assertTrue(zh.text().contains("按科研处的内部截止时间提前完成"), zh.text());
    }

    @Test
    void hoursLeftUnderTwoDays() {
        Instant now = OffsetDateTime.parse("2026-04-10T09:00+08:00").toInstant();
        OutgoingEmail e = composer.due(subscriber("en"), List.of(cutoff("MORNING", now)), "mtok", now);
        assertTrue(e.text().contains("8 hours left · on the day, 09:00 Beijing time"), e.text());
        Instant lastHour = CUTOFF.minus(Duration.ofMinutes(70));
        OutgoingEmail last = composer.due(subscriber("en"), List.of(cutoff("PT1H", lastHour)), "mtok", lastHour);
        assertTrue(last.text().contains("1 hour left · 1 hour before"), last.text());
    }

    @Test
    void aForeignDeadlineShowsTheAgencyZoneAndBeijingTime() {
        // 17:00 in Sydney on 8 April 2026 (AEST, after DST ended on 5 April) is 07:00 UTC, 15:00 in Beijing.
        Instant at = OffsetDateTime.parse("2026-04-08T17:00+10:00").toInstant();
        Reminder r = item("t1-foreign@cutoff", "P1D", Reminder.Kind.REMINDER, at.minus(Duration.ofDays(1)),
                DeadlineKind.FOREIGN, at, LocalDate.of(2026, 4, 8), ZoneId.of("Australia/Sydney"),
                "外方截止 Foreign deadline · ARC", null);
        OutgoingEmail en = composer.due(subscriber("en"), List.of(r), "mtok", at.minus(Duration.ofDays(1)));
        assertTrue(en.text().contains("2026-04-08 17:00 Australia/Sydney (UTC+10:00)"), en.text());
        assertTrue(en.text().contains("In Beijing time: 2026-04-08 15:00 Beijing time (UTC+08:00)"), en.text());
        assertTrue(en.text().contains("The foreign partner applies to its own agency."), en.text());
        assertFalse(en.text().contains("research office"), en.text());

        OutgoingEmail zh = composer.due(subscriber("zh"), List.of(r), "mtok", at.minus(Duration.ofDays(1)));
        assertTrue(zh.text().contains("北京时间 In Beijing time: 2026-04-08 15:00"), zh.text());
        assertTrue(zh.text().contains("外方合作伙伴须向其主管部门另行申报。"), zh.text());
    }

    @Test
    void aDateOnlyDeadlineSaysNoTimeIsStated() {
        // 8 April 2026 in Helsinki starts at 00:00 EEST (UTC+3) = 21:00 UTC on the 7th = 05:00 Beijing on the 8th.
        Instant start = OffsetDateTime.parse("2026-04-08T00:00+03:00").toInstant();
        Reminder r = item("t1-foreign@cutoff", "P3D", Reminder.Kind.REMINDER, start.minus(Duration.ofDays(3)),
                DeadlineKind.FOREIGN, null, LocalDate.of(2026, 4, 8), ZoneId.of("Europe/Helsinki"),
                "外方截止 Foreign deadline · Business Finland", null);
        OutgoingEmail en = composer.due(subscriber("en"), List.of(r), "mtok", start.minus(Duration.ofDays(3)));
        assertTrue(en.text().contains("2026-04-08 (Europe/Helsinki, no time of day stated)"), en.text());
        assertTrue(en.text().contains("In Beijing time: from 2026-04-08 05:00 Beijing time (UTC+08:00) (start of the day there)"),
                en.text());
        assertTrue(en.text().contains("3 days left"), en.text());

        OutgoingEmail zh = composer.due(subscriber("zh"), List.of(r), "mtok", start.minus(Duration.ofDays(3)));
        assertTrue(zh.text().contains("2026-04-08 (Europe/Helsinki，未写明具体时间 no time of day stated)"), zh.text());
    }

    @Test
    void aFurtherDeadline_namesItsKind_inBeijingTime_withTheDaysLeft() {
        // 广东 2013: 各级科技主管部门网上审核推荐截止时间为2013年6月3日下午5:00.
        Instant at = OffsetDateTime.parse("2013-06-03T17:00+08:00").toInstant();
        Instant now = at.minus(Duration.ofDays(3));
        Reminder r = item("t1-recommendation@cutoff", "P3D", Reminder.Kind.REMINDER, now, DeadlineKind.RECOMMENDATION, at,
                LocalDate.of(2013, 6, 3), BEIJING, "推荐审核截止 Recommendation deadline · 第二批2013年广东省对外科技合作专项", null);
        OutgoingEmail zh = composer.due(subscriber("zh"), List.of(r), "mtok", now);
        assertEquals("【申报截止提醒】推荐审核截止 Recommendation deadline · 第二批2013年广东省对外科技合作专项 — "
                + "2013-06-03 17:00 Beijing time (UTC+08:00)", zh.subject());
        assertTrue(zh.text().contains("推荐审核截止 Recommendation deadline: 推荐单位/主管部门审核推荐的截止，不是申报人的截止。"), zh.text());
        assertTrue(zh.text().contains("剩余3天 3 days left · 提前3天"), zh.text());
        assertFalse(zh.text().contains("In Beijing time"), zh.text());
        assertFalse(zh.text().contains("Leave time for your institution's review"), "that is the cutoff's note: " + zh.text());
        assertFalse(zh.text().contains("no time of day"), zh.text());
        OutgoingEmail en = composer.due(subscriber("en"), List.of(r), "mtok", now);
        assertTrue(en.text().contains("Recommendation deadline: the recommending or supervising body's review closes then"), en.text());
        assertTrue(en.html().contains("<div>Recommendation deadline: the recommending or supervising body"), en.html());
    }

    @Test
    void aDateOnlyRelayDeadline_saysItIsTheOfficesOwn_andThatNoTimeWasStated() {
        // 中以 2013 as a city bureau relayed it: 请务必于2013年4月10日之前…报送.
        LocalDate day = LocalDate.of(2013, 4, 10);
        Instant start = day.atStartOfDay(BEIJING).toInstant();
        Reminder r = item("t1-relay@cutoff", "P1D", Reminder.Kind.REMINDER, start.minus(Duration.ofDays(1)), DeadlineKind.RELAY,
                null, day, BEIJING, "转发单位截止 Relaying office's deadline · 2014年度中以产业技术研发合作项目", null);
        OutgoingEmail zh = composer.due(subscriber("zh"), List.of(r), "mtok", start.minus(Duration.ofDays(1)));
        assertTrue(zh.subject().endsWith(" — 2013-04-10 (Beijing time，未写明具体时间 no time of day stated)"), zh.subject());
        assertTrue(zh.text().contains("转发单位截止 Relaying office's deadline: 转发单位自己的截止时间，早于发布单位的截止"), zh.text());
        assertTrue(zh.text().contains("通知未写明具体时间：按北京时间当天开始计算"), zh.text());
        assertTrue(zh.text().contains("剩余24小时 24 hours left"), zh.text());
        OutgoingEmail en = composer.due(subscriber("en"), List.of(r), "mtok", start.minus(Duration.ofDays(1)));
        assertTrue(en.text().contains("2013-04-10 (Beijing time, no time of day stated)"), en.text());
        assertTrue(en.text().contains("Relaying office's deadline: the relaying office's own deadline, earlier than the issuer's"), en.text());
        assertTrue(en.text().contains("The notice states no time of day: reminders count from the start of that day, Beijing time"),
                en.text());
        assertFalse(en.text().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                && !r.summary().contains(Character.toString(c))), "English but for the summary: " + en.text());
    }

    @Test
    void aDateOnlyCutoff_keepsTheCutoffsNote_andSaysNoTimeWasStated() {
        LocalDate day = LocalDate.of(2013, 4, 30);
        Instant start = day.atStartOfDay(BEIJING).toInstant();
        Reminder r = item("t1-closes@cutoff", "P7D", Reminder.Kind.REMINDER, start.minus(Duration.ofDays(7)), DeadlineKind.CLOSES,
                null, day, BEIJING, "申报截止 Cutoff · 2014年度中以产业技术研发合作项目", null);
        OutgoingEmail en = composer.due(subscriber("en"), List.of(r), "mtok", start.minus(Duration.ofDays(7)));
        assertTrue(en.text().contains("2013-04-30 (Beijing time, no time of day stated)"), en.text());
        assertTrue(en.text().contains("7 days left · 7 days before"), en.text());
        assertTrue(en.text().contains("research office's internal deadline"), en.text());
        assertTrue(en.text().contains("The notice states no time of day"), en.text());
    }

    @Test
    void aChangeShowsThePreviousAndTheNewTime() {
        String previous = "2026-04-03 16:30 Beijing time (UTC+08:00)";
        Reminder change = item("t1-closes@cutoff", "CHANGE#1", Reminder.Kind.CHANGE, CREATED, DeadlineKind.CLOSES, CUTOFF,
                LocalDate.of(2026, 4, 10), BEIJING, "申报截止 Cutoff · 专题一 Topic 1", previous);
        OutgoingEmail zh = composer.due(subscriber("zh"), List.of(change), "mtok", CREATED);
        assertTrue(zh.text().contains("时间变更 Moved: " + previous + " -> 2026-04-10 16:30 Beijing time (UTC+08:00)"),
                zh.text());
        assertTrue(zh.html().contains("<s>" + previous + "</s>"), zh.html());
        assertTrue(zh.subject().startsWith("【截止时间变更】"), zh.subject());
        assertFalse(zh.text().contains("days left"), "a change has no lead: " + zh.text());

        OutgoingEmail en = composer.due(subscriber("en"), List.of(change), "mtok", CREATED);
        assertTrue(en.text().startsWith("A deadline moved"), en.text());
    }

    @Test
    void severalItemsOfOneDeadlineAreOneLineTheChangeFirst() {
        Instant p7 = CUTOFF.minus(Duration.ofDays(7));
        Instant p3 = CUTOFF.minus(Duration.ofDays(3));
        Reminder change = item("t1-closes@cutoff", "CHANGE#1", Reminder.Kind.CHANGE, p7.minusSeconds(60),
                DeadlineKind.CLOSES, CUTOFF, LocalDate.of(2026, 4, 10), BEIJING, "申报截止 Cutoff · 专题一 Topic 1",
                "2026-04-03 16:30 Beijing time (UTC+08:00)");
        OutgoingEmail e = composer.due(subscriber("en"), List.of(cutoff("P7D", p7), change, cutoff("P3D", p3)), "mtok", p3);
        assertEquals(1, count(e.text(), "申报截止 Cutoff · 专题一 Topic 1"), e.text());
        assertTrue(e.text().contains("Moved: 2026-04-03 16:30"), e.text());
        assertEquals("A deadline moved", e.text().lines().findFirst().orElseThrow());
    }

    @Test
    void twoChangesOfOneDeadlineBeforeOneDispatch_tellItAsItIsNow_movedFromWhatThePersonLastKnew() {
        // Queued in one order, found by the dispatcher in the other: the sequence decides, not the list.
        String known = "2026-04-03 16:30 Beijing time (UTC+08:00)";
        String between = "2026-04-07 12:00 Beijing time (UTC+08:00)";
        Reminder first = item("t1-internal@cutoff", "CHANGE#2", Reminder.Kind.CHANGE, CREATED, DeadlineKind.CLOSES,
                Instant.parse("2026-04-07T04:00:00Z"), LocalDate.of(2026, 4, 7), BEIJING, "Internal deadline · Topic 1", known);
        Reminder second = item("t1-internal@cutoff", "CHANGE#3", Reminder.Kind.CHANGE, CREATED.plusSeconds(30), DeadlineKind.CLOSES,
                CUTOFF, LocalDate.of(2026, 4, 10), BEIJING, "Removed: Internal deadline · Topic 1", between);
        for (List<Reminder> found : List.of(List.of(first, second), List.of(second, first))) {
            OutgoingEmail e = composer.due(subscriber("en"), found, "mtok", CREATED);
            assertEquals(1, count(e.text(), "Internal deadline · Topic 1"), e.text());
            assertTrue(e.text().contains("Removed: Internal deadline · Topic 1"), "the later change's summary: " + e.text());
            assertTrue(e.text().contains("Moved: " + known + " -> 2026-04-10 16:30"), "from what was known to what is now: " + e.text());
            assertFalse(e.text().contains(between), "the step in between is not news: " + e.text());
        }
    }

    /**
     * A deadline moved and moved back before the dispatcher ran (two changes, one line) is told as changed back to
     * the time the person knew, never "Moved: X -> X": in every zone the JVM knows, timed and date-only, in both
     * languages, the changes found in either order. A move that does not come back still reads as a move.
     */
    @Test
    void aMoveUndoneBeforeTheEmailWent_readsAsChangedBack_inEveryZone() {
        int zones = 0;
        for (String id : java.time.ZoneId.getAvailableZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            zones++;
            for (boolean timed : List.of(true, false)) {
                Instant knownAt = timed ? CUTOFF : null;
                LocalDate knownDate = timed ? CUTOFF.atZone(zone).toLocalDate() : LocalDate.of(2026, 4, 10);
                Instant betweenAt = timed ? CUTOFF.minus(Duration.ofHours(4)) : null;
                LocalDate betweenDate = timed ? betweenAt.atZone(zone).toLocalDate() : LocalDate.of(2026, 4, 8);
                String known = timed ? cutoff.deadline.Deadlines.wall(knownAt, zone)
                        : cutoff.deadline.Deadlines.wall(cutoff.notice.DateOrDateTime.ofDate(knownDate), zone);
                String between = timed ? cutoff.deadline.Deadlines.wall(betweenAt, zone)
                        : cutoff.deadline.Deadlines.wall(cutoff.notice.DateOrDateTime.ofDate(betweenDate), zone);
                Reminder away = item("t1-closes@cutoff", "CHANGE#2", Reminder.Kind.CHANGE, CREATED, DeadlineKind.CLOSES,
                        betweenAt, betweenDate, zone, "申报截止 Cutoff · 专题一 Topic 1", known);
                Reminder back = item("t1-closes@cutoff", "CHANGE#3", Reminder.Kind.CHANGE, CREATED.plusSeconds(30),
                        DeadlineKind.CLOSES, knownAt, knownDate, zone, "申报截止 Cutoff · 专题一 Topic 1", between);
                for (List<Reminder> found : List.of(List.of(away, back), List.of(back, away))) {
                    for (String language : List.of("en", "zh")) {
                        OutgoingEmail e = composer.due(subscriber(language), found, "mtok", CREATED);
                        String what = id + (timed ? " timed " : " date-only ") + language + ":\n" + e.text();
                        assertFalse(e.text().contains("Moved:"), what);
                        assertTrue(e.text().contains("Changed and changed back: "), what);
                        assertTrue(e.text().contains("A deadline changed back"), what);
                        assertFalse(e.html().contains("<s>"), what);
                    }
                }
                OutgoingEmail stays = composer.due(subscriber("en"), List.of(away), "mtok", CREATED);
                assertTrue(stays.text().contains("Moved: " + known + " -> "), id + ": " + stays.text());
            }
        }
        assertTrue(zones > 500, "every zone the JVM knows: " + zones);
    }

    @Test
    void theFirstInternalDeadlineAnOfficeSets_readsAsSet_notAsMovedFromNotSet() {
        Reminder set = item("t1-internal-org_1@cutoff", "CHANGE#1", Reminder.Kind.CHANGE, CREATED, DeadlineKind.INTERNAL,
                Instant.parse("2026-04-07T04:00:00Z"), LocalDate.of(2026, 4, 7), BEIJING, "Internal deadline · Topic 1",
                cutoff.office.InternalDeadline.NOT_SET);
        OutgoingEmail zh = composer.due(subscriber("zh"), List.of(set), "mtok", CREATED);
        assertTrue(zh.text().contains("新设定 Set: 2026-04-07 12:00"), zh.text());
        assertFalse(all(zh).contains("not set"), all(zh));
        assertTrue(zh.html().contains("Set: <b>2026-04-07 12:00"), zh.html());
    }

    @Test
    void anInternalDeadlineLine_pointsAtThePersonalFeed_notAtTheTopicFeedThatLacksIt() {
        Reminder internal = item("t1-internal-org_1@cutoff", "P3D", Reminder.Kind.REMINDER, CREATED, DeadlineKind.INTERNAL,
                Instant.parse("2026-04-07T04:00:00Z"), LocalDate.of(2026, 4, 7), BEIJING, "Internal deadline · Topic 1", null);
        OutgoingEmail e = composer.due(subscriber("en"), List.of(internal, cutoff("P3D", CREATED)), "mtok", CREATED);
        assertEquals(1, count(e.text(), "/feeds/topics/t1.ics"), "the cutoff's line links the topic feed, the internal one does not: " + e.text());
        assertTrue(e.text().contains("This internal deadline is in your personal calendar feed"), e.text());
        assertEquals(1, count(e.html(), "/feeds/topics/t1.ics"), e.html());
    }

    @Test
    void severalLeadsOfOneDeadlineAreOneLineTheLatestLead() {
        Instant p7 = CUTOFF.minus(Duration.ofDays(7));
        Instant p3 = CUTOFF.minus(Duration.ofDays(3));
        OutgoingEmail e = composer.due(subscriber("en"), List.of(cutoff("P3D", p3), cutoff("P7D", p7)), "mtok", p3);
        assertEquals(1, count(e.text(), "Topic 1"), e.text());
        assertTrue(e.text().contains("3 days before"), e.text());
        assertFalse(e.text().contains("7 days before"), e.text());
        assertTrue(e.subject().startsWith("申报截止 Cutoff · 专题一 Topic 1 — 2026-04-10 16:30"), "one item: " + e.subject());
    }

    @Test
    void subjectForOneItemAndForMany() {
        Instant now = CUTOFF.minus(Duration.ofDays(3));
        Reminder other = item("t2-closes@cutoff", "P3D", Reminder.Kind.REMINDER, now, DeadlineKind.CLOSES,
                CUTOFF.plus(Duration.ofDays(1)), LocalDate.of(2026, 4, 11), BEIJING, "申报截止 Cutoff · 专题二 Topic 2", null);

        OutgoingEmail one = composer.due(subscriber("zh"), List.of(cutoff("P3D", now)), "mtok", now);
        assertEquals("【申报截止提醒】申报截止 Cutoff · 专题一 Topic 1 — 2026-04-10 16:30 Beijing time (UTC+08:00)",
                one.subject());

        OutgoingEmail manyZh = composer.due(subscriber("zh"), List.of(other, cutoff("P3D", now)), "mtok", now);
        assertEquals("【申报截止提醒】2项截止 Deadlines coming up", manyZh.subject());
        assertTrue(manyZh.text().indexOf("Topic 1") < manyZh.text().indexOf("Topic 2"), "earliest first: " + manyZh.text());

        OutgoingEmail manyEn = composer.due(subscriber("en"), List.of(other, cutoff("P3D", now)), "mtok", now);
        assertEquals("2 deadlines coming up", manyEn.subject());
    }

    @Test
    void unsubscribeHeadersCarryAnHttpsLinkWithTheToken() {
        Instant now = CUTOFF.minus(Duration.ofDays(3));
        OutgoingEmail e = composer.due(subscriber("zh"), List.of(cutoff("P3D", now)), "mtok-123", now);
        String link = "https://cutoff.example/subscriptions/unsubscribe?token=mtok-123";
        assertEquals("<" + link + ">", e.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", e.headers().get("List-Unsubscribe-Post"));
        assertTrue(e.text().contains(link), e.text());
        assertTrue(attributes(e.html()).contains("href=\"" + link + "\""), e.html());
        assertTrue(e.text().contains("https://cutoff.example/subscriptions/manage?token=mtok-123"), e.text());
    }

    @Test
    void oneClickUnsubscribeOnlyWithHttps() {
        Instant now = CUTOFF.minus(Duration.ofDays(3));
        OutgoingEmail e = new MailComposer("http://127.0.0.1:3000/").due(subscriber("en"), List.of(cutoff("P3D", now)),
                "mtok", now);
        assertEquals("<http://127.0.0.1:3000/subscriptions/unsubscribe?token=mtok>", e.headers().get("List-Unsubscribe"));
        assertFalse(e.headers().containsKey("List-Unsubscribe-Post"), e.headers().toString());
    }

    @Test
    void aTitleCannotAddAHeader() {
        Instant now = CUTOFF.minus(Duration.ofDays(3));
        Reminder r = item("t1-closes@cutoff", "P3D", Reminder.Kind.REMINDER, now, DeadlineKind.CLOSES, CUTOFF,
                LocalDate.of(2026, 4, 10), BEIJING, "申报截止 Cutoff\r\nBcc: x@y.com", null);
        OutgoingEmail e = composer.due(subscriber("en"), List.of(r), "mtok", now);
        assertFalse(e.subject().contains("\r") || e.subject().contains("\n"), e.subject());
        assertTrue(e.subject().startsWith("申报截止 Cutoff Bcc: x@y.com — 2026-04-10 16:30"), e.subject());
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            assertFalse(h.getValue().contains("\n"), h.toString());
        }
    }

    // --- links ---

    @Test
    void linksStartWithTheBaseAsGiven() {
        OutgoingEmail e = new MailComposer("https://cutoff.example/prod/").confirmation(subscriber("en"), List.of("T"),
                "ctok", Duration.ofHours(24));
        assertTrue(e.text().contains("https://cutoff.example/prod/subscriptions/confirm?token=ctok"), e.text());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "javascript:alert(1)", "mailto:a@example.com", "ftp://cutoff.example", "file:///etc",
            "data:text/html,x", "//cutoff.example", "/subscriptions", "cutoff.example", "https://", "https:///path",
            "https://user:pw@cutoff.example", "https://cutoff.example/?a=b", "https://cutoff.example/#top",
            "https://cutoff example"})
    void refusesABaseThatIsNotAnAbsoluteHttpUrl(String base) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MailComposer(base));
        assertTrue(e.getMessage().contains("must be an absolute http or https URL with a host"), e.getMessage());
    }

    /** The HTML as a browser reads its attribute values (mustache escapes {@code =} as {@code &#61;}). */
    private static String attributes(String html) {
        return html.replace("&#61;", "=").replace("&amp;", "&");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    // --- withdrawals ---

    private static Reminder withdrawn(String uid, String sequence, String reason) {
        return item(uid, "CHANGE#" + sequence, Reminder.Kind.WITHDRAWN, CREATED, DeadlineKind.CLOSES, CUTOFF,
                LocalDate.of(2026, 4, 10), BEIJING, "申报截止 Cutoff · 专题一 Topic 1", reason);
    }

    @Test
    void aWithdrawal_saysWithdrawnWasAndWhy_inEachLanguage_withoutAdviceOnMeetingIt() {
        for (String language : List.of("zh", "en")) {
            OutgoingEmail e = composer.due(subscriber(language), List.of(withdrawn("t1-closes@cutoff", "1", "主办方撤回 The issuer withdrew it")),
                    "mtok", CREATED);
            boolean zh = language.equals("zh");
            assertEquals((zh ? "【截止时间撤回】已撤回 Withdrawn: " : "Withdrawn: ") + "申报截止 Cutoff · 专题一 Topic 1 — 2026-04-10 16:30 Beijing time (UTC+08:00)",
                    e.subject());
            assertTrue(e.text().contains((zh ? "已撤回 " : "") + "Withdrawn (was 2026-04-10 16:30 Beijing time (UTC+08:00))"), e.text());
            assertTrue(e.text().contains((zh ? "撤回说明 " : "") + "Reason: 主办方撤回 The issuer withdrew it"), e.text());
            assertTrue(e.html().contains("Withdrawn: <s>2026-04-10 16:30 Beijing time (UTC+08:00)</s>"), e.html());
            assertTrue(e.text().contains("no reminder of it will be sent"), e.text());
            assertFalse(all(e).contains("Leave time for your institution's review"), all(e));
            assertFalse(all(e).contains("Moved"), all(e));
            assertEquals(zh, e.text().contains("已撤回的截止时间在订阅的日历中标为取消"), e.text());
        }
        OutgoingEmail none = composer.due(subscriber("en"), List.of(withdrawn("t1-closes@cutoff", "1", null)), "mtok", CREATED);
        assertFalse(all(none).contains("Reason"), all(none));
    }

    @Test
    void withdrawalsMovesAndReminders_inOneEmail_countedInItsHeading() {
        Reminder moved = item("t2-closes@cutoff", "CHANGE#1", Reminder.Kind.CHANGE, CREATED, DeadlineKind.CLOSES, CUTOFF,
                LocalDate.of(2026, 4, 10), BEIJING, "申报截止 Cutoff · 专题二 Topic 2", "2026-04-08 16:30 Beijing time (UTC+08:00)");
        Reminder coming = item("t3-closes@cutoff", "P7D", Reminder.Kind.REMINDER, CREATED, DeadlineKind.CLOSES, CUTOFF,
                LocalDate.of(2026, 4, 10), BEIJING, "申报截止 Cutoff · 专题三 Topic 3", null);
        Reminder alsoWithdrawn = withdrawn("t4-closes@cutoff", "2", null);
        assertEquals("2 deadlines were withdrawn", composer.due(subscriber("en"), List.of(withdrawn("t1-closes@cutoff", "1", null),
                alsoWithdrawn), "m", CREATED).subject());
        assertEquals("【截止时间撤回】2项截止时间已撤回 Deadlines withdrawn", composer.due(subscriber("zh"),
                List.of(withdrawn("t1-closes@cutoff", "1", null), alsoWithdrawn), "m", CREATED).subject());
        assertEquals("1 withdrawn, 1 moved, 1 coming up", composer.due(subscriber("en"),
                List.of(withdrawn("t1-closes@cutoff", "1", null), moved, coming), "m", CREATED).subject());
        assertEquals("【截止时间变更】1项撤回，1项即将截止 1 withdrawn, 1 coming up", composer.due(subscriber("zh"),
                List.of(withdrawn("t1-closes@cutoff", "1", null), coming), "m", CREATED).subject());
    }

    @Test
    void aMoveThenAWithdrawal_ofOneDeadline_isOneWithdrawnLine_andAComebackAfterIt_isTheMoveAsItIs() {
        Reminder move = item("t1-closes@cutoff", "CHANGE#1", Reminder.Kind.CHANGE, CREATED, DeadlineKind.CLOSES, CUTOFF,
                LocalDate.of(2026, 4, 10), BEIJING, "申报截止 Cutoff · 专题一 Topic 1", "2026-04-08 16:30 Beijing time (UTC+08:00)");
        Reminder withdrawal = withdrawn("t1-closes@cutoff", "2", "why");
        for (List<Reminder> order : List.of(List.of(move, withdrawal), List.of(withdrawal, move))) {
            Reminder line = MailComposer.oneLine(order.get(0), order.get(1));
            assertEquals(Reminder.Kind.WITHDRAWN, line.kind());
            assertEquals("why", line.previous());
        }
        Reminder back = item("t1-closes@cutoff", "CHANGE#3", Reminder.Kind.CHANGE, CREATED, DeadlineKind.CLOSES, CUTOFF,
                LocalDate.of(2026, 4, 10), BEIJING, "申报截止 Cutoff · 专题一 Topic 1", Reminder.WAS_WITHDRAWN);
        assertEquals(back, MailComposer.oneLine(withdrawal, back));
        assertEquals(back, MailComposer.oneLine(back, withdrawal));
        for (String language : List.of("zh", "en")) {
            OutgoingEmail e = composer.due(subscriber(language), List.of(withdrawal, back), "m", CREATED);
            String zh = language.equals("zh") ? "重新发布 " : "";
            assertTrue(e.text().contains(zh + "Published again: 2026-04-10 16:30 Beijing time (UTC+08:00)"), e.text());
            assertFalse(all(e).contains("Moved") || all(e).contains("Withdrawn"), all(e));
            assertTrue(e.html().contains("Published again: <b>2026-04-10 16:30 Beijing time (UTC+08:00)</b>"), e.html());
            // The heading and the subject say what the line says, not "moved".
            assertFalse(all(e).toLowerCase(java.util.Locale.ROOT).contains("moved"), all(e));
            assertTrue(e.text().lines().findFirst().orElseThrow().endsWith("A deadline is published again"), e.text());
            assertTrue(e.subject().startsWith(language.equals("zh") ? "【重新发布】" : "申报截止"), e.subject());
        }
    }
}
