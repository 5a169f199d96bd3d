package cutoff.deadline;

import cutoff.notice.CallDeadline;
import cutoff.notice.DateOrDateTime;
import cutoff.notice.DeadlineKind;
import cutoff.notice.ForeignDeadline;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a notice into its deadlines: per topic the opening (when stated), the cutoff, each of the call's
 * further deadlines ({@link Topic#deadlines()}: recommendation, paper copies, stages, a relaying
 * office's own date), and each dated foreign-side deadline. A foreign agency the notice names without a
 * date becomes no deadline; its site and contact go into the cutoff's description instead.
 *
 * <p>A foreign deadline stated as 与我省一致 (same as ours) is our cutoff's instant, shown in the
 * agency's zone.
 *
 * <p>One class (about 370 lines) because every event of a notice is made here: the UID scheme
 * ({@link #callUid}, {@link #foreignUid}) can promise that no kind's UID meets another's only while all kinds are
 * numbered in one place, and every event carries the same facts and wall-time text.
 */
public final class Deadlines {
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** What a cutoff's SUMMARY starts with; the topic's display name follows. */
    private static final String CUTOFF_SUMMARY = "申报截止 Cutoff · ";

    /**
     * A topic's display name ({@code 专题一 …}) as its cutoff's SUMMARY carries it: for a topic a later ingest
     * withdrew, which its notice no longer names. The whole SUMMARY for one written otherwise.
     */
    public static String topicNameOf(Deadline cutoff) {
        return cutoff.summary().startsWith(CUTOFF_SUMMARY) ? cutoff.summary().substring(CUTOFF_SUMMARY.length()) : cutoff.summary();
    }

    /** What a date-only deadline of ours adds to its description: how it is reminded. */
    private static final String DATE_ONLY = "通知未写具体时间：提醒按北京时间当天开始（00:00）计算。"
            + "No time of day is stated: reminders count back from the start of that day, Beijing time.";

    private Deadlines() {
    }

    /**
     * The deadlines of every topic, in notice order, each at sequence 0.
     *
     * @param notice  the notice; every topic needs a window
     * @param stamped the instant to use as their last change (DTSTAMP), UTC
     * @throws IncompleteNoticeException when a topic has no cutoff; nothing is returned for the others
     */
    public static List<Deadline> of(Notice notice, Instant stamped) throws IncompleteNoticeException {
        List<String> problems = new ArrayList<>();
        for (Topic topic : notice.topics()) {
            if (topic.window() == null) {
                problems.add("topic " + topic.displayName() + " has no cutoff");
            }
        }
        if (!problems.isEmpty()) {
            throw new IncompleteNoticeException("notice " + label(notice) + ": " + String.join("; ", problems)
                    + ". Supply it with --closes YYYY-MM-DDTHH:MM (Beijing time) or --closes YYYY-MM-DD (a day; --opens likewise) for every topic "
                    + "without a window, or ingest a reviewed JSON record that states the window", problems);
        }
        List<Deadline> result = new ArrayList<>();
        for (Topic topic : notice.topics()) {
            Window window = topic.window();
            String facts = facts(notice, topic);
            String url = notice.applicationSite();
            if (window.opens() != null) {
                result.add(new Deadline(topic.id() + "-opens@cutoff", notice.id(), topic.id(), DeadlineKind.OPENS,
                        instant(window.opens()), localDate(window.opens(), window.zone()),
                        window.zone(), "申报开始 Applications open · " + topic.displayName(),
                        "申报开始 Applications open " + wall(window.opens(), window.zone()) + "\n" + facts,
                        url, 0, stamped, false));
            }
            // A date-only cutoff (no time of day written) becomes a date-only deadline: a DATE-valued event,
            // reminded against the day's start in Beijing time, as a date-only foreign deadline is.
            result.add(new Deadline(topic.id() + "-closes@cutoff", notice.id(), topic.id(), DeadlineKind.CLOSES,
                    instant(window.closes()), localDate(window.closes(), window.zone()), window.zone(),
                    CUTOFF_SUMMARY + topic.displayName(),
                    "申报截止 Cutoff " + wall(window.closes(), window.zone())
                            + (window.includesReview()
                            ? "\n截止时间含申报单位网上审核提交：请在此之前完成，留出单位审核时间。"
                            + "\nThe cutoff includes the applicant institution's online review and submission: "
                            + "finish well before it, by your research office's internal deadline.\n"
                            : "\n请为单位审核和提交预留时间，按科研处的内部截止时间提前完成。"
                            + "\nLeave time for your institution's review and submission: finish by your research "
                            + "office's internal deadline.\n")
                            + (window.closes().timed() ? "" : DATE_ONLY + "\n") + underReview(window.reasons()) + facts,
                    url, 0, stamped, false));
            // Per kind, how many of the call's further deadlines this topic has had so far (notice order).
            Map<DeadlineKind, Integer> ofKind = new HashMap<>();
            for (CallDeadline step : topic.deadlines()) {
                int nth = ofKind.merge(step.kind(), 1, Integer::sum);
                result.add(step(notice, topic, step, callUid(topic.id(), step.kind(), nth), stamped, facts));
            }
            foreignByUid(topic).forEach((uid, foreign) -> result.add(foreign(notice, topic, foreign, uid, window.closes(), stamped,
                    facts)));
        }
        return result;
    }

    /**
     * While a date read from the notice is marked for review ({@code confidence: "review"}), its description says
     * why, one line: {@code 待核实 Under review: <reasons>}; nothing when it is sure.
     */
    static String underReview(List<String> reasons) {
        return reasons.isEmpty() ? "" : "待核实 Under review: " + String.join("; ", reasons) + "\n";
    }

    /**
     * A topic's dated foreign-side entries by the UID their deadline carries ({@link #foreignUid}), in
     * notice order: what links a stored {@link DeadlineKind#FOREIGN} deadline back to its partner and
     * agency. Undated entries (no deadline) are not in it.
     */
    public static Map<String, ForeignDeadline> foreignByUid(Topic topic) {
        Map<String, ForeignDeadline> result = new java.util.LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ForeignDeadline foreign : topic.foreignDeadlines()) {
            if (!foreign.isDated() || foreign.zone() == null) {
                continue;
            }
            String slug = slug(foreign.partner());
            result.put(foreignUid(topic.id(), slug, seen.merge(slug, 1, Integer::sum)), foreign);
        }
        return result;
    }

    /**
     * The UID (RFC 5545 §3.8.4.7) of a topic's {@code nth} dated foreign-side deadline of one partner, in
     * notice order, so the same notice gives the same UIDs on every ingest: the first is
     * {@code <topicId>-foreign-<slug>@cutoff} (the UID feeds have always carried, so subscribed calendars
     * keep their event), the n-th after it {@code <topicId>-foreign-<slug>--<n>@cutoff}. A slug never
     * holds {@code --}, so no partner's name can produce another's numbered UID.
     */
    static String foreignUid(String topicId, String slug, int nth) {
        return topicId + "-foreign-" + slug + (nth == 1 ? "" : "--" + nth) + "@cutoff";
    }

    /**
     * The UID (RFC 5545 §3.8.4.7) of a topic's {@code nth} further deadline of one kind, in notice order:
     * {@code <topicId>-<kind slug>@cutoff} ({@code 2013-…-t1-paper-copy@cutoff}), the n-th after the first
     * {@code <topicId>-<kind slug>--<n>@cutoff}, as {@link #foreignUid} numbers a partner's. The same
     * notice gives the same UIDs on every ingest; no kind slug is {@code opens}, {@code closes} or starts
     * with {@code foreign-}, so none can meet another kind's UID.
     */
    static String callUid(String topicId, DeadlineKind kind, int nth) {
        return topicId + "-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + (nth == 1 ? "" : "--" + nth)
                + "@cutoff";
    }

    /**
     * One of the call's further deadlines as its own event: Beijing time, timed or date-only as written.
     * Its description says who must act, the phrase as written and, for a relay deadline, that it is the
     * relaying office's own, earlier than the issuer's cutoff.
     */
    private static Deadline step(Notice notice, Topic topic, CallDeadline step, String uid, Instant stamped, String facts) {
        DeadlineKind kind = step.kind();
        ZoneId zone = Window.BEIJING;
        String name = kind.chinese() + " " + kind.english();
        StringBuilder d = new StringBuilder(name).append(" ").append(wall(step.closes(), zone));
        if (step.who() != null) {
            d.append("\n经办 Who: ").append(step.who());
        }
        if (step.asWritten() != null) {
            d.append("\n原文 As written: ").append(step.asWritten());
        }
        String cutoff = wall(topic.window().closes(), topic.window().zone());
        switch (kind) {
            case RELAY -> d.append("\n这是转发单位").append(notice.relayedBy() == null ? "" : "（" + notice.relayedBy() + "）")
                    .append("自己的截止时间，早于发布单位的申报截止（").append(cutoff).append("）：材料须在此之前交到转发单位，由其审核后再报送。")
                    .append("\nThis is the relaying office's own deadline")
                    .append(notice.relayedBy() == null ? "" : " (" + notice.relayedBy() + ")")
                    .append(", earlier than the issuer's cutoff (").append(cutoff)
                    .append("): the office must have your materials by then to review them and pass them on.");
            case RECOMMENDATION -> d.append("\n这是推荐单位/主管部门审核推荐的截止，不是申报人的申报截止（").append(cutoff).append("）。")
                    .append("\nThe recommending or supervising body's review closes then; the applicants' own cutoff is ")
                    .append(cutoff).append(".");
            default -> {
                // The window line of the facts below gives the applicants' cutoff.
            }
        }
        if (!step.closes().timed()) {
            d.append("\n").append(DATE_ONLY);
        }
        d.append("\n").append(underReview(step.reasons())).append(facts);
        return new Deadline(uid, notice.id(), topic.id(), kind, instant(step.closes()), localDate(step.closes(), zone), zone,
                name + " · " + topic.displayName(), d.toString(), notice.applicationSite(), 0, stamped, false);
    }

    private static Deadline foreign(Notice notice, Topic topic, ForeignDeadline foreign, String uid,
                                    DateOrDateTime ours, Instant stamped, String facts) {
        ZoneId zone = foreign.zone();
        Instant at;
        LocalDate date;
        String when;
        if (foreign.sameAsOurs() && !ours.timed()) {
            at = null;
            date = ours.date();
            when = date + " (" + foreign.asWritten() + ", stated as the same as ours: " + wall(ours, Window.BEIJING) + ")";
        } else if (foreign.sameAsOurs()) {
            Instant ourCutoff = ours.dateTime().toInstant();
            at = ourCutoff;
            date = ourCutoff.atZone(zone).toLocalDate();
            when = wall(at, zone) + "（" + foreign.asWritten() + ", stated as the same as ours: "
                    + wall(ourCutoff, Window.BEIJING) + ")";
        } else if (foreign.time() != null) {
            at = ZonedDateTime.of(foreign.date(), foreign.time(), zone).toInstant();
            date = foreign.date();
            when = wall(at, zone);
        } else {
            at = null;
            date = foreign.date();
            when = date + " (" + zone.getId() + "; the notice states no time of day: treat the day's start as "
                    + "the deadline)";
        }
        String agency = foreign.agency() != null ? foreign.agency() : foreign.partner();
        StringBuilder d = new StringBuilder();
        d.append("外方截止时间 Foreign-side deadline, ").append(agency).append(" (").append(foreign.partner()).append("): ")
                .append(when);
        if (foreign.asWritten() != null && !foreign.sameAsOurs()) {
            d.append("\n原文 As written: ").append(foreign.asWritten());
        }
        if (foreign.condition() != null) {
            d.append("\n条件 Condition: ").append(foreign.condition());
        }
        d.append("\n外方向其主管部门申报 The foreign partner applies to ").append(agency).append(".");
        if (foreign.site() != null) {
            d.append("\n外方网址 Site: ").append(foreign.site());
        }
        if (foreign.contact() != null) {
            d.append("\n外方联系 Contact: ").append(foreign.contact());
        }
        d.append("\n").append(facts);
        return new Deadline(uid, notice.id(), topic.id(),
                DeadlineKind.FOREIGN, at, date, zone,
                "外方截止 Foreign-side deadline (" + agency + ") · " + topic.displayName(), d.toString(),
                foreign.site(), 0, stamped, false);
    }

    /** The facts every event of a topic carries: notice, topic, window, cap, period, foreign side. */
    private static String facts(Notice notice, Topic topic) {
        List<String> lines = new ArrayList<>();
        if (notice.title() != null) {
            lines.add(notice.title());
        }
        if (notice.documentNumber() != null) {
            lines.add("文号 Document: " + notice.documentNumber());
        }
        if (notice.applicationSite() != null) {
            lines.add("申报网址 Apply at: " + notice.applicationSite());
        }
        if (notice.issuer() != null) {
            lines.add("发布 Issued by: " + notice.issuer() + (notice.signedOn() == null ? "" : ", " + notice.signedOn()));
        }
        if (notice.relayedBy() != null) {
            lines.add("转发 Relayed by: " + notice.relayedBy());
        }
        lines.add("专题 Topic: " + (topic.programme() == null ? "" : topic.programme() + " / ") + topic.displayName());
        if (!topic.directions().isEmpty()) {
            lines.add("方向 Directions: " + topic.directions().stream()
                    .map(d -> d.key() + " " + d.title()).collect(Collectors.joining("; ")));
        }
        Window w = topic.window();
        lines.add("申报时间 Window: " + (w.opens() == null ? "?" : wall(w.opens(), w.zone())) + " – "
                + wall(w.closes(), w.zone()));
        for (CallDeadline step : topic.deadlines()) {
            lines.add(step.kind().chinese() + " " + step.kind().english() + ": " + wall(step.closes(), Window.BEIJING)
                    + (step.who() == null ? "" : ", " + step.who()));
        }
        if (topic.fundingCapWan() != null) {
            lines.add("经费额度 Funding cap: " + topic.fundingCapWan() + "万元 (CNY " + String.format(Locale.ROOT, "%,d",
                    topic.fundingCapWan() * 10_000L) + ") per project");
        }
        if (topic.projectPeriod() != null) {
            lines.add("执行期限 Project period: " + (topic.projectPeriod().from() != null
                    ? topic.projectPeriod().from() + " – " + topic.projectPeriod().to()
                    : topic.projectPeriod().asWritten()));
        }
        if (!topic.fields().isEmpty()) {
            lines.add("支持领域 Fields: " + String.join("、", topic.fields()));
        }
        for (ForeignDeadline f : topic.foreignDeadlines()) {
            String agency = f.agency() != null ? f.agency() : f.partner();
            StringBuilder s = new StringBuilder("外方 Foreign side: ").append(agency).append(" (").append(f.partner())
                    .append("), deadline ");
            if (f.sameAsOurs()) {
                s.append("same as ours (").append(f.asWritten()).append(")");
            } else if (f.date() != null) {
                s.append(f.date()).append(f.time() == null ? "" : " " + f.time()).append(" ").append(f.zone());
            } else {
                s.append("not stated in the notice: ask the agency");
            }
            if (f.site() != null) {
                s.append(", ").append(f.site());
            }
            if (f.contact() != null) {
                s.append(", contact: ").append(f.contact());
            }
            lines.add(s.toString());
        }
        if (notice.caveat() != null) {
            lines.add("注意 Caution: " + notice.caveat());
        }
        return String.join("\n", lines);
    }

    /**
     * A window end as a person reads it: {@link #wall(Instant, ZoneId)} for a timed one,
     * {@code 2005-04-30 (Beijing time; no time of day stated)} for a date-only one.
     */
    public static String wall(DateOrDateTime when, ZoneId zone) {
        if (when.timed()) {
            return wall(when.dateTime().toInstant(), zone);
        }
        return when.date() + " (" + (zone.equals(Window.BEIJING) ? "Beijing time" : zone.getId())
                + "; 通知未写具体时间 the notice states no time of day)";
    }

    /**
     * A stored deadline's time as a person reads it: {@link #wall(Instant, ZoneId)} for a timed one,
     * {@code 2013-04-30 (Beijing time; 通知未写具体时间 the notice states no time of day)} for a date-only one.
     */
    public static String wall(Deadline d) {
        return d.timed() ? wall(d.at(), d.zone()) : wall(DateOrDateTime.ofDate(d.date()), d.zone());
    }

    private static Instant instant(DateOrDateTime when) {
        return when.timed() ? when.dateTime().toInstant() : null;
    }

    private static LocalDate localDate(DateOrDateTime when, ZoneId zone) {
        return when.timed() ? when.dateTime().atZoneSameInstant(zone).toLocalDate() : when.date();
    }

    /** {@code 2023-04-18 16:30 Beijing time (UTC+08:00)}: a wall time with its zone and offset. */
    public static String wall(Instant instant, ZoneId zone) {
        ZonedDateTime z = instant.atZone(zone);
        String zoneName = zone.equals(Window.BEIJING) ? "Beijing time" : zone.getId();
        return WALL.format(z) + " " + zoneName + " (UTC" + z.getOffset().getId().replace("Z", "+00:00") + ")";
    }

    private static String label(Notice notice) {
        return notice.id() + " (" + (notice.documentNumber() != null ? notice.documentNumber() : notice.title()) + ")";
    }

    /** ASCII slug of a partner name for UIDs: {@code Belgium (West Flanders)} → {@code belgium-west-flanders}. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? cutoffHash(text) : s;
    }

    private static String cutoffHash(String text) {
        return Integer.toHexString(text.hashCode());
    }
}
