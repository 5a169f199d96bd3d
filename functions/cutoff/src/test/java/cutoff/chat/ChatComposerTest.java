package cutoff.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.subscriber.LeadTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the chat is told: times in each deadline's own zone, Beijing beside; sizes within every service's limit. */
class ChatComposerTest {
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Test
    void everyZoneTheJvmKnowsRendersTheDeadlineInItsOwnZone_withBeijingTimeWhenTheWallTimeDiffers() {
        Instant at = Instant.parse("2027-03-20T08:30:00Z");
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            for (boolean en : new boolean[] {true, false}) {
                String text = ChatComposer.when(ChatComposer.When.at(at, zone), en);
                String there = WALL.format(at.atZone(zone));
                String here = WALL.format(at.atZone(BEIJING));
                assertTrue(text.startsWith(there + " "), id + ": " + text);
                if (!zone.equals(BEIJING)) {
                    assertTrue(text.contains(id), id + ": " + text);
                }
                assertEquals(!there.equals(here), text.contains(en ? "(" + here + " Beijing time)" : "（北京时间 " + here + "）"), id + ": " + text);
            }
            LocalDate day = LocalDate.of(2027, 3, 20);
            String dateOnly = ChatComposer.when(new ChatComposer.When(null, day, zone), false);
            assertTrue(dateOnly.startsWith("2027-03-20 "), id + ": " + dateOnly);
            String start = WALL.format(day.atStartOfDay(zone).toInstant().atZone(BEIJING));
            assertEquals(!zone.equals(BEIJING) && !start.equals("2027-03-20 00:00"), dateOnly.contains("北京时间 " + start), id + ": " + dateOnly);
        }
    }

    @Test
    void ourDeadlinesSayBeijingTimeOnce() {
        Instant at = Instant.parse("2027-03-20T08:30:00Z");
        assertEquals("2027-03-20 16:30 北京时间", ChatComposer.when(ChatComposer.When.at(at, BEIJING), false));
        assertEquals("2027-03-20 16:30 Beijing time", ChatComposer.when(ChatComposer.When.at(at, BEIJING), true));
    }

    @Test
    void aRevisionNamesWhatChanged_addedAndWithdrawn() {
        Instant a = Instant.parse("2027-03-10T08:30:00Z");
        Instant b = Instant.parse("2027-03-12T08:30:00Z");
        Instant cut = Instant.parse("2027-03-20T08:30:00Z");
        var one = new ChatComposer.Item("专题一", ChatComposer.When.at(a, BEIJING), ChatComposer.When.at(cut, BEIJING));
        var oneMoved = new ChatComposer.Item("专题一", ChatComposer.When.at(b, BEIJING), ChatComposer.When.at(cut, BEIJING));
        var two = new ChatComposer.Item("专题二", ChatComposer.When.at(a, BEIJING), ChatComposer.When.at(cut, BEIJING));
        var three = new ChatComposer.Item("专题三", ChatComposer.When.at(a, BEIJING), ChatComposer.When.at(cut, BEIJING));
        ChatPost p = ChatComposer.changed("某大学科研处", "通知", List.of(one, two), List.of(oneMoved, three), null, "zh");
        String all = String.join("\n", p.lines());
        assertTrue(all.contains("变更：专题一：校内截止 2027-03-12 16:30 北京时间") && all.contains("原：2027-03-10 16:30"), all);
        assertTrue(all.contains("新增：专题三"), all);
        assertTrue(all.contains("撤回：专题二"), all);
        ChatPost r = ChatComposer.reminder("Office", "Call", oneMoved, LeadTime.parse("P3D"), "https://cutoff.example/calls/x", "en");
        assertTrue(r.lines().get(0).contains("3 days before"), r.lines().toString());
        assertEquals("https://cutoff.example/calls/x", r.link());
    }

    @Test
    void anOversizedTitleAndLinesFitEveryServicesLimit_wholeCodePointsOnly() {
        Random random = new Random(19);
        for (int n = 0; n < 200; n++) {
            StringBuilder title = new StringBuilder();
            int length = random.nextInt(5000);
            for (int i = 0; i < length; i++) {
                title.appendCodePoint(switch (random.nextInt(4)) {
                    case 0 -> 'a' + random.nextInt(26);
                    case 1 -> 0x4E00 + random.nextInt(0x5000);
                    case 2 -> 0x1F600 + random.nextInt(50);
                    default -> "[]()<>*_#\n\u202E".codePointAt(random.nextInt(11));
                });
            }
            ChatPost p = ChatComposer.published("某大学科研处", title.toString(), List.of(new ChatComposer.Item(title.toString(),
                    ChatComposer.When.at(Instant.EPOCH, BEIJING), ChatComposer.When.at(Instant.EPOCH, BEIJING))),
                    "https://cutoff.example/calls/t", n % 2 == 0 ? "zh" : "en");
            assertTrue(p.title().codePointCount(0, p.title().length()) <= ChatPost.MAX_TITLE);
            assertFalse(p.title().contains("\u202E") || p.title().contains("\n"));
            for (ChatService s : ChatService.values()) {
                String body = ChatBodies.body(s, p, s.signs() ? new String[] {"1700000000", "x".repeat(44)} : null);
                assertTrue(body.getBytes(StandardCharsets.UTF_8).length <= s.maxBytes() || s == ChatService.WECOM || s == ChatService.DINGTALK,
                        s + " body " + body.length());
                if (s == ChatService.WECOM || s == ChatService.DINGTALK) {
                    assertTrue(ChatBodies.markdown(p, "\n\n").getBytes(StandardCharsets.UTF_8).length <= 4096, s.id());
                }
                assertFalse(body.contains("\uFFFD"), "no code point cut in two");
            }
        }
    }

    @Test
    void markdownCannotBeInjectedByANoticesText() {
        ChatPost p = new ChatPost("[click](https://evil.example) <font color=\"warning\">x</font> **b**",
                List.of("# heading", "`code`"), "Open", "https://cutoff.example/calls/t");
        String md = ChatBodies.markdown(p, "\n");
        assertFalse(md.contains("[click]") || md.contains("](https://evil") || md.contains("<font") || md.contains("# heading"), md);
        assertTrue(md.endsWith("[Open](https://cutoff.example/calls/t)"), md);
    }
}
