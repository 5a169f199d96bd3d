package cutoff.chat;

import cutoff.deadline.Deadline;
import cutoff.subscriber.LeadTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an office's group chat is told, in the office's language ({@code en}, else Chinese: offices have no language
 * setting yet, so Chinese): a test; a relay published, published again (what changed) and withdrawn; a reminder before
 * one of the office's own deadlines. Times are in the deadline's own zone, with Beijing time beside when the wall time
 * there differs ({@link #when}).
 */
public final class ChatComposer {
    /** Asia/Shanghai: the zone staff read times in. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private ChatComposer() {
    }

    /**
     * A deadline's time: an instant in a zone, or a date there without a time of day.
     *
     * @param at   the instant; {@code null} for a date-only deadline
     * @param date the date in {@code zone}
     */
    public record When(Instant at, LocalDate date, ZoneId zone) {
        public static When of(Deadline d) {
            return new When(d.at(), d.date(), d.zone());
        }

        public static When at(Instant at, ZoneId zone) {
            return new When(at, at.atZone(zone).toLocalDate(), zone);
        }
    }

    /**
     * One topic of a relay as the chat is told it.
     *
     * @param topic  the topic's name
     * @param office the office's own deadline (its internal deadline)
     * @param cutoff the call's cutoff
     */
    public record Item(String topic, When office, When cutoff) {
    }

    /** The test message of {@code POST /orgs/{orgId}/chat/test}. */
    public static ChatPost test(String officeName, String language) {
        boolean en = en(language);
        return ChatPost.of(en ? "Cutoff: test message" : "Cutoff 测试消息",
                List.of(en ? "This group chat is connected to " + officeName + "'s deadline notices."
                        : "本群已接入" + officeName + "的截止时间通知。"));
    }

    /** A relay published for the first time: each topic's office deadline and cutoff. */
    public static ChatPost published(String officeName, String title, List<Item> items, String link, String language) {
        boolean en = en(language);
        List<String> lines = new ArrayList<>();
        lines.add(en ? officeName + " relays this call to its staff." : officeName + "转发申报通知。");
        for (Item i : items) {
            lines.add(line(i, en));
        }
        return post(en ? "New call: " + title : "申报通知：" + title, lines, link, en);
    }

    /** A public call the office's staff follow, new to the chat (a follow rule took it). */
    public static ChatPost newCall(String officeName, String topic, When cutoff, String link, String language) {
        boolean en = en(language);
        return post(en ? "New call: " + topic : "新申报通知：" + topic,
                List.of(en ? "A call " + officeName + "'s staff follow." : officeName + "关注的申报通知。",
                        (en ? "Cutoff " : "正式截止 ") + when(cutoff, en)), link, en);
    }

    /** A relay published again: the topics whose dates changed, before and after, and topics added or gone. */
    public static ChatPost changed(String officeName, String title, List<Item> before, List<Item> after, String link, String language) {
        boolean en = en(language);
        List<String> lines = new ArrayList<>();
        lines.add(en ? officeName + " changed this call's dates." : officeName + "更新了申报通知的时间。");
        for (Item now : after) {
            Item was = before.stream().filter(b -> b.topic().equals(now.topic())).findFirst().orElse(null);
            if (was == null) {
                lines.add((en ? "Added: " : "新增：") + line(now, en));
            } else if (!was.equals(now)) {
                lines.add((en ? "Changed: " : "变更：") + line(now, en) + (en ? " (was: " : "（原：")
                        + when(was.office(), en) + (en ? ")" : "）"));
            }
        }
        for (Item was : before) {
            if (after.stream().noneMatch(a -> a.topic().equals(was.topic()))) {
                lines.add((en ? "Withdrawn: " : "撤回：") + was.topic());
            }
        }
        return post(en ? "Dates changed: " + title : "时间变更：" + title, lines, link, en);
    }

    /** A relay withdrawn by its office. */
    public static ChatPost withdrawn(String officeName, String title, String reason, String language) {
        boolean en = en(language);
        List<String> lines = new ArrayList<>();
        lines.add(en ? officeName + " withdrew this call: its deadlines no longer apply." : officeName + "已撤回此申报通知，其截止时间不再适用。");
        if (reason != null && !reason.isBlank()) {
            lines.add((en ? "Reason: " : "原因：") + reason);
        }
        return ChatPost.of(en ? "Withdrawn: " + title : "已撤回：" + title, lines);
    }

    /** A reminder at a lead before one of the office's own deadlines. */
    public static ChatPost reminder(String officeName, String title, Item item, LeadTime lead, String link, String language) {
        boolean en = en(language);
        List<String> lines = new ArrayList<>();
        lines.add((en ? "Reminder (" + lead.describe("en") + "): " : "提醒（" + lead.describe("zh") + "）：") + title);
        lines.add(line(item, en));
        lines.add(en ? "Hand your application to " + officeName + " by its deadline." : "请在校内截止时间前将申报材料交" + officeName + "。");
        return post(en ? "Deadline soon: " + item.topic() : "即将截止：" + item.topic(), lines, link, en);
    }

    private static ChatPost post(String title, List<String> lines, String link, boolean en) {
        return link == null ? ChatPost.of(title, lines) : new ChatPost(title, lines, en ? "Open in Cutoff" : "在 Cutoff 查看", link);
    }

    private static String line(Item i, boolean en) {
        return i.topic() + (en ? ": office deadline " : "：校内截止 ") + when(i.office(), en)
                + (en ? "; cutoff " : "；正式截止 ") + when(i.cutoff(), en);
    }

    /**
     * A deadline's time as staff read it: {@code 2026-03-20 16:30 北京时间} for ours; in another zone its wall time
     * there and its zone id, then Beijing time when the wall time there differs ({@code 2026-03-20 17:00 Europe/Berlin
     * (北京时间 2026-03-21 00:00)}); a date-only one as its date in its zone, with the start of that day in Beijing time
     * when different.
     */
    public static String when(When w, boolean en) {
        boolean beijing = w.zone().equals(BEIJING);
        String zone = beijing ? (en ? "Beijing time" : "北京时间") : w.zone().getId();
        if (w.at() == null) {
            Instant start = w.date().atStartOfDay(w.zone()).toInstant();
            String own = w.date() + " " + zone + (en ? " (no time of day stated)" : "（未写明具体时间）");
            String there = WALL.format(start.atZone(w.zone()));
            String here = WALL.format(start.atZone(BEIJING));
            return beijing || there.equals(here) ? own
                    : own + (en ? " (from " + here + " Beijing time)" : "（北京时间 " + here + " 起）");
        }
        String there = WALL.format(w.at().atZone(w.zone()));
        String here = WALL.format(w.at().atZone(BEIJING));
        String own = there + " " + zone;
        return beijing || there.equals(here) ? own : own + (en ? " (" + here + " Beijing time)" : "（北京时间 " + here + "）");
    }

    private static boolean en(String language) {
        return "en".equals(language);
    }
}
