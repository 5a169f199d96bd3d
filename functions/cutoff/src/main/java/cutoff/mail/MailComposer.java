package cutoff.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import cutoff.notice.DeadlineKind;
import cutoff.office.InternalDeadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.Window;
import cutoff.reminder.Reminder;
import cutoff.subscriber.LeadTime;
import cutoff.subscriber.Subscriber;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes Cutoff's emails from the Mustache templates in {@code resources/mail}: HTML and plain text,
 * in the subscriber's language ({@code zh}: Chinese with English; {@code en}: English). Every deadline
 * is given in Beijing time, and in the agency's zone where that differs; date-only deadlines say so.
 *
 * <p>One class (about 370 lines) because every email shares its template factories, the checked base URL
 * all links start with, the bilingual rendering of times and zones and the unsubscribe headers; most of it is the
 * due email (reminders and changes of many deadlines, one line per deadline: {@link #oneLine}).
 */
public final class MailComposer {
    private static final MustacheFactory HTML = new DefaultMustacheFactory("mail");
    /** Plain text: the same templates' syntax, no HTML escaping. */
    private static final MustacheFactory TEXT = new DefaultMustacheFactory("mail") {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    private final String baseUrl;

    /**
     * @param baseUrl the public base of the API that every link in the emails starts with, e.g.
     *                {@code https://abc.execute-api.ap-east-1.amazonaws.com} or {@code https://cutoff.example/prod};
     *                an absolute {@code http} or {@code https} URL (RFC 3986) with a host, and no user
     *                information, query or fragment; one trailing {@code /} is dropped
     * @throws IllegalArgumentException for anything else ({@code javascript:}, {@code mailto:},
     *                                  {@code //host}, a relative path, {@code null})
     */
    public MailComposer(String baseUrl) {
        String base = baseUrl == null ? "" : baseUrl.strip();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(notHttp(baseUrl) + " (" + e.getReason() + ")", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getHost().isEmpty()
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(notHttp(baseUrl));
        }
        this.baseUrl = base;
    }

    private static String notHttp(String baseUrl) {
        return "the base URL for links in emails must be an absolute http or https URL with a host and no user, "
                + "query or fragment, such as https://abc.execute-api.ap-east-1.amazonaws.com; not " + baseUrl;
    }

    /** The double opt-in email: the topics asked for and the one-time confirmation link. */
    public OutgoingEmail confirmation(Subscriber s, List<String> topicNames, String confirmToken, Duration validFor) {
        Map<String, Object> view = base(s);
        String subject = zh(s) ? "请确认订阅 Confirm your Cutoff subscription" : "Confirm your Cutoff subscription";
        view.put("subject", subject);
        view.put("topics", topicNames);
        view.put("confirmUrl", baseUrl + "/subscriptions/confirm?token=" + confirmToken);
        view.put("expiresHours", validFor.toHours());
        return new OutgoingEmail(s.email(), subject, render(HTML, "confirm.html.mustache", view),
                render(TEXT, "confirm.txt.mustache", view), Map.of());
    }

    /** For a request about an address that is already confirmed: a link to its settings. */
    public OutgoingEmail alreadySubscribed(Subscriber s, String manageToken, Duration validFor) {
        Map<String, Object> view = base(s);
        String subject = zh(s) ? "您已订阅 Cutoff · You are already subscribed" : "You are already subscribed to Cutoff";
        view.put("subject", subject);
        view.put("manageUrl", baseUrl + "/subscriptions/manage?token=" + manageToken);
        view.put("expiresHours", validFor.toHours());
        return new OutgoingEmail(s.email(), subject, render(HTML, "already.html.mustache", view),
                render(TEXT, "already.txt.mustache", view), Map.of());
    }

    /**
     * One email for everything due for a subscriber in a run: reminders, deadline changes and withdrawals
     * ({@link Reminder.Kind#WITHDRAWN}: "withdrawn (was …)" with the reason given). With any change in it, the
     * subject says so.
     *
     * <p>Headers: {@code List-Unsubscribe: <base/subscriptions/unsubscribe?token=…>} (RFC 2369) and, when
     * the base is https, {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058).
     *
     * @param items       at least one; several items of one deadline become one line (the change if any,
     *                    else the latest lead)
     * @param manageToken a fresh MANAGE token for this email's manage and unsubscribe links
     * @param now         the dispatcher's clock, for "N days left"
     */
    public OutgoingEmail due(Subscriber s, List<Reminder> items, String manageToken, Instant now) {
        return due(s, items, manageToken, now, false);
    }

    /**
     * As {@link #due(Subscriber, List, String, Instant)}; {@code shared}: the address came in more than one way (its
     * own subscription, one or more research offices' registrations), and the email says that it is the one reminder
     * for all of them and that unsubscribing ends them all.
     */
    public OutgoingEmail due(Subscriber s, List<Reminder> items, String manageToken, Instant now, boolean shared) {
        boolean changes = items.stream().anyMatch(r -> r.kind() != Reminder.Kind.REMINDER);
        // Several items of one deadline found together (leads after an outage, or a change with a
        // reminder): the deadline once, the change first, else the latest lead.
        Map<String, Reminder> byDeadline = new LinkedHashMap<>();
        for (Reminder r : items) {
            byDeadline.merge(r.deadlineUid(), r, MailComposer::oneLine);
        }
        items = new ArrayList<>(byDeadline.values());
        items.sort(java.util.Comparator.comparing(Reminder::deadlineEarliest));
        Map<String, Object> view = base(s);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Reminder r : items) {
            Map<String, Object> line = new HashMap<>();
            line.put("summary", r.summary());
            line.put("when", when(r, s.language()));
            String other = otherZone(r, s.language());
            if (other != null) {
                line.put("otherZone", other);
            }
            boolean withdrawn = r.kind() == Reminder.Kind.WITHDRAWN;
            if (withdrawn) {
                // Withdrawn with its notice or by a re-ingest: "withdrawn (was …)", the reason if one was given.
                line.put("withdrawn", true);
                line.put("reason", r.previous());
            } else if (r.kind() == Reminder.Kind.CHANGE) {
                line.put("changed", true);
                line.put("previous", r.previous());
                // A research office withdrew its internal deadline: "removed (was …)", not "moved".
                line.put("removed", r.deadlineKind() == DeadlineKind.INTERNAL && r.summary().startsWith(InternalDeadline.REMOVED));
                // The first internal deadline an office sets: "set", not "moved from not set".
                line.put("firstSet", r.deadlineKind() == DeadlineKind.INTERNAL && InternalDeadline.NOT_SET.equals(r.previous()));
                // Back after a withdrawal (its notice published again): "published again", not "moved from withdrawn".
                line.put("restored", restored(r));
                // Moved and moved back before this email went (two changes in one line): "changed back to", not "X → X".
                line.put("changedBack", changedBack(r));
            } else {
                line.put("lead", left(r, now, s.language()) + " · " + new LeadTime(r.lead()).describe(s.language()));
            }
            // A withdrawn deadline needs no advice on meeting it.
            line.put("ours", !withdrawn && r.deadlineKind() == DeadlineKind.CLOSES);
            line.put("foreign", !withdrawn && r.deadlineKind() == DeadlineKind.FOREIGN);
            String note = kindNote(r.deadlineKind(), s.language());
            if (note != null) {
                line.put("kindNote", note);
            }
            if (!withdrawn && r.at() == null && r.deadlineKind() != DeadlineKind.FOREIGN) {
                // A foreign one says so in its Beijing-time line ("start of the day there").
                line.put("dateOnly", s.language().equals("en")
                        ? "The notice states no time of day: reminders count from the start of that day, Beijing time; finish the day before."
                        : "通知未写明具体时间：按北京时间当天开始计算，请在前一天完成。 The notice states no time of day: "
                                + "reminders count from the start of that day, Beijing time; finish the day before.");
            }
            if (r.deadlineKind() == DeadlineKind.INTERNAL) {
                // Only the staff member's personal feed (and the office's) holds an internal deadline, not the topic feed.
                line.put("personalFeedOnly", true);
            } else {
                line.put("feedUrl", baseUrl + "/feeds/topics/" + r.topicId() + ".ics");
            }
            lines.add(line);
        }
        long moved = items.stream().filter(r -> r.kind() == Reminder.Kind.CHANGE).count();
        long withdrawn = items.stream().filter(r -> r.kind() == Reminder.Kind.WITHDRAWN).count();
        boolean en = s.language().equals("en");
        String heading;
        boolean allRestored = withdrawn == 0 && moved > 0 && items.stream().filter(MailComposer::restored).count() == moved;
        if (withdrawn == 0 && moved > 0 && (allRestored || items.stream().filter(MailComposer::changedBack).count() == moved)) {
            // Every change in it was undone before it went (the deadlines are where the person last knew them), or
            // every one is back after a withdrawal: neither "moved".
            String english = allRestored ? "published again" : "changed back";
            String chinese = allRestored ? "重新发布" : "已改回";
            heading = moved == items.size() && moved == 1
                    ? (en ? (allRestored ? "A deadline is published again" : "A deadline changed back")
                    : "截止时间" + chinese + " " + (allRestored ? "A deadline is published again" : "A deadline changed back"))
                    : en ? moved + " " + english + (moved < items.size() ? ", " + (items.size() - moved) + " coming up" : "")
                    : moved + "项截止时间" + chinese + (moved < items.size() ? "，" + (items.size() - moved) + "项即将截止" : "")
                    + " Deadlines " + english;
        } else if (withdrawn > 0) {
            heading = withdrawnHeading(withdrawn, moved, items.size() - withdrawn - moved, en);
        } else if (moved > 0 && moved < items.size()) {
            heading = en ? moved + " moved, " + (items.size() - moved) + " coming up"
                    : moved + "项截止时间变更，" + (items.size() - moved) + "项即将截止 Deadlines moved and coming up";
        } else if (moved > 0) {
            heading = items.size() == 1 ? (en ? "A deadline moved" : "截止时间变更 A deadline moved")
                    : (en ? items.size() + " deadlines moved" : items.size() + "项截止时间变更 Deadlines moved");
        } else {
            heading = items.size() == 1 ? (s.language().equals("en") ? "Deadline reminder" : "Deadline reminder")
                    : (s.language().equals("en") ? items.size() + " deadlines coming up" : items.size() + "项截止 Deadlines coming up");
        }
        Reminder first = items.get(0);
        boolean onlyWithdrawn = withdrawn == items.size();
        String subject = (zh(s) ? (onlyWithdrawn ? "【截止时间撤回】" : allRestored ? "【重新发布】" : changes ? "【截止时间变更】" : "【申报截止提醒】") : "")
                + (items.size() == 1 ? (onlyWithdrawn ? (en ? "Withdrawn: " : "已撤回 Withdrawn: ") : "") + first.summary()
                + " — " + when(first, s.language()) : heading);
        view.put("subject", subject);
        view.put("heading", heading);
        view.put("items", lines);
        view.put("anyWithdrawn", withdrawn > 0);
        view.put("shared", shared);
        Map<String, String> headers = unsubscribe(manageToken, view);
        return new OutgoingEmail(s.email(), subject, render(HTML, "reminders.html.mustache", view),
                render(TEXT, "reminders.txt.mustache", view), headers);
    }

    /**
     * The one email a person registered by a research office gets: which office registered them, what
     * they will receive (topics, follow rules, lead times), their personal feed URL, a manage link, and
     * RFC 8058 one-click opt-out ({@code List-Unsubscribe}, {@code List-Unsubscribe-Post}) as reminders have.
     *
     * @param officeName  the office as it is registered
     * @param topicNames  display names of the topics followed now
     * @param rules       follow rules ({@code all}, {@code issuer:<name>}), kept for calls not yet published
     * @param feedToken   the personal feed token, in clear (this email is where the person learns it)
     * @param manageToken a fresh MANAGE token for the manage and unsubscribe links
     */
    public OutgoingEmail welcome(Subscriber s, String officeName, List<String> topicNames, List<String> rules, String feedToken,
                                 String manageToken) {
        Map<String, Object> view = base(s);
        boolean en = !zh(s);
        String subject = en ? officeName + " registered you for Cutoff deadline reminders"
                : "【" + officeName + "】已为您登记申报截止提醒 · registered you for Cutoff deadline reminders";
        view.put("subject", subject);
        view.put("office", officeName);
        view.put("topics", topicNames);
        List<String> ruleLines = new ArrayList<>();
        for (String rule : rules) {
            if (rule.equals("all")) {
                ruleLines.add(en ? "every new call, as it is published" : "今后发布的所有申报通知 every new call, as it is published");
            } else if (rule.startsWith("issuer:")) {
                String issuer = rule.substring("issuer:".length());
                ruleLines.add(en ? "every new call from " + issuer : issuer + "今后发布的申报通知 every new call from " + issuer);
            }
        }
        view.put("rules", ruleLines);
        view.put("hasRules", !ruleLines.isEmpty());
        view.put("hasTopics", !topicNames.isEmpty());
        List<String> leads = new ArrayList<>();
        for (LeadTime l : s.leadTimes()) {
            leads.add(l.describe(s.language()));
        }
        view.put("leads", String.join("; ", leads));
        view.put("feedUrl", baseUrl + "/feeds/personal/" + feedToken + ".ics");
        Map<String, String> headers = unsubscribe(manageToken, view);
        return new OutgoingEmail(s.email(), subject, render(HTML, "welcome.html.mustache", view),
                render(TEXT, "welcome.txt.mustache", view), headers);
    }

    /**
     * The heading of an email with withdrawn deadlines in it: what was withdrawn, then what moved and what is coming
     * up, in the subscriber's language ({@code en}, else Chinese with English).
     */
    static String withdrawnHeading(long withdrawn, long moved, long comingUp, boolean en) {
        if (moved == 0 && comingUp == 0) {
            return withdrawn == 1 ? (en ? "A deadline was withdrawn" : "截止时间已撤回 A deadline was withdrawn")
                    : (en ? withdrawn + " deadlines were withdrawn" : withdrawn + "项截止时间已撤回 Deadlines withdrawn");
        }
        List<String> english = new ArrayList<>(List.of(withdrawn + " withdrawn"));
        StringBuilder chinese = new StringBuilder(withdrawn + "项撤回");
        if (moved > 0) {
            english.add(moved + " moved");
            chinese.append("，").append(moved).append("项变更");
        }
        if (comingUp > 0) {
            english.add(comingUp + " coming up");
            chinese.append("，").append(comingUp).append("项即将截止");
        }
        return en ? String.join(", ", english) : chinese + " " + String.join(", ", english);
    }

    /**
     * What one of a call's further deadlines is, beyond its name in the summary (the relay deadline is the
     * relaying office's own, earlier than the issuer's); {@code null} for the cutoff, the opening and a
     * foreign-side deadline, which the templates explain themselves.
     */
    static String kindNote(DeadlineKind kind, String language) {
        boolean en = language.equals("en");
        String name = en ? kind.english() : kind.chinese() + " " + kind.english();
        return switch (kind) {
            case RELAY -> name + ": " + (en ? "" : "转发单位自己的截止时间，早于发布单位的截止，请在此之前把材料交到转发单位。 ")
                    + "the relaying office's own deadline, earlier than the issuer's: get your materials to the office by then.";
            case RECOMMENDATION -> name + ": " + (en ? "" : "推荐单位/主管部门审核推荐的截止，不是申报人的截止。 ")
                    + "the recommending or supervising body's review closes then; it is not the applicants' cutoff.";
            case PAPER_COPY -> name + ": " + (en ? "" : "书面（纸质）申报材料须在此之前送达。 ")
                    + "the paper copies of the application must arrive by then.";
            case PRE_PROPOSAL, FULL_PROPOSAL -> name + ": " + (en ? "" : "分阶段申报中的一个阶段。 ") + "one stage of a staged call.";
            case OTHER -> name + ".";
            case INTERNAL -> name + ": " + (en ? "" : "科研处自己的截止时间，早于正式截止，以便单位审核后提交。请在此之前把申报材料交到科研处。 ")
                    + "your research office's own deadline, earlier than the official cutoff so that it can review and submit: "
                    + "get your application to the office by then.";
            default -> null;
        };
    }

    /** The deadline as a person reads it, in Beijing time for ours, in the agency's zone for theirs. */
    static String when(Reminder r, String language) {
        if (r.at() == null) {
            String zone = r.zone().equals(Window.BEIJING) ? "Beijing time" : r.zone().getId();
            return r.date() + " (" + zone + (language.equals("en") ? ", no time of day stated)" : "，未写明具体时间 no time of day stated)");
        }
        return Deadlines.wall(r.at(), r.zone());
    }

    /** Beijing time for a foreign deadline (the same instant), or {@code null} for ours. */
    static String otherZone(Reminder r, String language) {
        if (r.zone().equals(Window.BEIJING)) {
            return null;
        }
        String prefix = language.equals("en") ? "In Beijing time: " : "北京时间 In Beijing time: ";
        if (r.at() == null) {
            return prefix + (language.equals("en") ? "from " : "自 from ") + Deadlines.wall(r.deadlineEarliest(), Window.BEIJING)
                    + (language.equals("en") ? " (start of the day there)" : "（当地当天开始 start of the day there）");
        }
        return prefix + Deadlines.wall(r.at(), Window.BEIJING);
    }

    private static String left(Reminder r, Instant now, String language) {
        long minutes = Math.max(0, Duration.between(now, r.deadlineEarliest()).toMinutes());
        long days = Math.round(minutes / 1440.0);
        long hours = Math.round(minutes / 60.0);
        String en = hours >= 48 ? days + " days left" : hours + (hours == 1 ? " hour left" : " hours left");
        return language.equals("en") ? en : (hours >= 48 ? "剩余" + days + "天" : "剩余" + hours + "小时") + " " + en;
    }

    private static boolean zh(Subscriber s) {
        return !"en".equals(s.language());
    }

    private static Map<String, Object> base(Subscriber s) {
        Map<String, Object> view = new HashMap<>();
        view.put("lang", zh(s) ? "zh-CN" : "en");
        view.put("zh", zh(s));
        return view;
    }

    private static String render(MustacheFactory factory, String template, Map<String, Object> view) {
        Mustache mustache = factory.compile(template);
        StringWriter out = new StringWriter();
        mustache.execute(out, view);
        return out.toString();
    }

    /**
     * The manage and unsubscribe links into {@code view}, and the headers that let a mail client unsubscribe:
     * List-Unsubscribe (RFC 2369), and List-Unsubscribe-Post for one click (RFC 8058 §3.1) only with an HTTPS
     * URI; an http base (a local run) gets the plain header.
     */
    private Map<String, String> unsubscribe(String manageToken, Map<String, Object> view) {
        String unsubscribe = baseUrl + "/subscriptions/unsubscribe?token=" + manageToken;
        view.put("manageUrl", baseUrl + "/subscriptions/manage?token=" + manageToken);
        view.put("unsubscribeUrl", unsubscribe);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribe + ">");
        if (unsubscribe.regionMatches(true, 0, "https:", 0, 6)) {
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return headers;
    }

    /**
     * Two items of one deadline in one email, as one line. Changes win over reminders; of two changes (say
     * an office set an internal deadline and removed it before the next dispatch) the line tells the
     * deadline as it is now (the later change: its time, its summary, "removed" included) moved from what
     * the person last knew (the earlier change's former time); when either is a withdrawal, the later as it is
     * (withdrawn, with its reason; or moved back after the withdrawal). Of two reminders, the latest lead.
     */
    static Reminder oneLine(Reminder a, Reminder b) {
        boolean aChange = a.kind() != Reminder.Kind.REMINDER;
        boolean bChange = b.kind() != Reminder.Kind.REMINDER;
        if (aChange && bChange) {
            Reminder earlier = changeOrder(a) <= changeOrder(b) ? a : b;
            Reminder later = earlier == a ? b : a;
            if (later.kind() != Reminder.Kind.CHANGE || earlier.kind() != Reminder.Kind.CHANGE) {
                // A withdrawal, or a move after one: the later as it is (its reason, or the time it moved from).
                return later;
            }
            return new Reminder(later.subscriberId(), later.deadlineUid(), later.lead(), later.kind(), later.dueAt(),
                    later.status(), later.noticeId(), later.topicId(), later.deadlineKind(), later.at(), later.date(),
                    later.zone(), later.summary(), earlier.previous(), later.claim(), later.claimedAt());
        }
        if (aChange || bChange) {
            return aChange ? a : b;
        }
        return b.dueAt().isAfter(a.dueAt()) ? b : a;
    }

    /** A change that brings a deadline back after a withdrawal ({@link Reminder#WAS_WITHDRAWN}): "published again". */
    static boolean restored(Reminder r) {
        return r.kind() == Reminder.Kind.CHANGE && Reminder.WAS_WITHDRAWN.equals(r.previous());
    }

    /**
     * A change (not a first setting, a removal or a return after a withdrawal) whose former time, as the person read it
     * ({@link Deadlines#wall}), is its time now: two changes of one deadline merged into one line ({@link #oneLine})
     * that undo each other, say 16:30 → 12:00 → 16:30 before the dispatcher ran.
     */
    static boolean changedBack(Reminder r) {
        if (r.kind() != Reminder.Kind.CHANGE || r.previous() == null || r.zone() == null
                || (r.deadlineKind() == DeadlineKind.INTERNAL && r.summary().startsWith(InternalDeadline.REMOVED))) {
            return false;
        }
        String now = r.at() != null ? Deadlines.wall(r.at(), r.zone())
                : r.date() != null ? Deadlines.wall(cutoff.notice.DateOrDateTime.ofDate(r.date()), r.zone()) : null;
        return r.previous().equals(now);
    }

    /** A change's place in its deadline's history: the sequence in its lead ({@code CHANGE#<sequence>}), else 0. */
    private static long changeOrder(Reminder change) {
        String lead = change.lead();
        int hash = lead == null ? -1 : lead.lastIndexOf('#');
        try {
            return hash < 0 ? 0 : Long.parseLong(lead.substring(hash + 1));
        } catch (NumberFormatException notASequence) {
            return 0;
        }
    }
}
