package cutoff.upload;

import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.notice.CallDeadline;
import cutoff.notice.DateOrDateTime;
import cutoff.notice.DeadlineKind;
import cutoff.notice.Topic;
import cutoff.office.InternalDeadline;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A relaying research office's own earlier deadline for each topic of its relay (issue 19), the rule without the
 * store: it becomes the office's internal deadline for the topic ({@link DeadlineKind#INTERNAL}, Beijing time).
 *
 * <p>Per topic, in this order:
 * <ol>
 *   <li>{@code relay}: the topic's {@link DeadlineKind#RELAY} deadline in the reading (the earliest, if it has several):
 *       what the reader took from the office's own sentence ({@code 请于…前报送科研处}), or what the office set with
 *       {@code PUT /notices/drafts/{draftId}}. A date without a time of day is that day at the office's rule's time
 *       ({@code at}), else at {@value #DEFAULT_TIME} Beijing time. It must be before the topic's cutoff and not in
 *       the past;</li>
 *   <li>{@code override}: else the internal deadline the office already set for the topic (an earlier publication of
 *       the relay, or {@code PUT /orgs/{orgId}/internal-deadlines/{topicId}});</li>
 *   <li>{@code rule}: else the office's internal-deadline rule applied to the cutoff;</li>
 *   <li>else the topic needs a date: a problem naming it, and nothing is published.</li>
 * </ol>
 */
public final class OfficeDates {
    /** The time of day a date-only office date falls at when the office has no rule: 16:30, the usual cutoff hour. */
    public static final String DEFAULT_TIME = "16:30";

    private OfficeDates() {
    }

    /**
     * One topic of a relay as this rule sees it.
     *
     * @param topicId the topic the internal deadline is for (the relay's own, or the public call's it is attached to)
     * @param reading the relay's reading of the topic (its {@link Topic#deadlines()} hold the office's RELAY date)
     * @param cutoff  the topic's live cutoff ({@link DeadlineKind#CLOSES}), which the office's date must precede
     */
    public record Item(String topicId, Topic reading, Deadline cutoff) {
    }

    /**
     * A topic's internal deadline for the office's staff.
     *
     * @param source {@code relay} (set by this publication), {@code override} (kept) or {@code rule}
     */
    public record OfficeDate(String topicId, Instant at, String source) {
    }

    /** The dates, in the items' order, or why not: one line per topic that has none or a bad one. */
    public record Result(List<OfficeDate> dates, List<String> problems) {
    }

    /**
     * @param rule      the office's internal-deadline rule; {@code null} for none
     * @param overrides the office's per-topic internal deadlines already set, by topic id
     * @param now       the clock's instant (UTC)
     */
    public static Result of(List<Item> items, InternalDeadline.Rule rule, Map<String, Instant> overrides, Instant now) {
        List<OfficeDate> dates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Item item : items) {
            String name = item.reading().displayName();
            Optional<CallDeadline> own = officeDeadline(item.reading());
            if (own.isPresent()) {
                Instant at = instant(own.get().closes(), rule);
                if (!at.isBefore(item.cutoff().earliest())) {
                    problems.add("topic " + name + ": the office's date " + InternalDeadline.wall(at) + " is not before the"
                            + " cutoff " + Deadlines.wall(item.cutoff()) + " (Beijing time)");
                } else if (at.isBefore(now)) {
                    problems.add("topic " + name + ": the office's date " + InternalDeadline.wall(at) + " is in the past (it"
                            + " is now " + InternalDeadline.wall(now) + " Beijing time)");
                } else {
                    dates.add(new OfficeDate(item.topicId(), at, "relay"));
                }
            } else if (overrides.containsKey(item.topicId())) {
                dates.add(new OfficeDate(item.topicId(), overrides.get(item.topicId()), "override"));
            } else if (rule != null) {
                dates.add(new OfficeDate(item.topicId(), rule.apply(item.cutoff()), "rule"));
            } else {
                problems.add("topic " + name + " (" + item.reading().id() + ") needs the office's date: add a RELAY deadline"
                        + " to its \"deadlines\" (PUT the corrected reading) or set the office's internal-deadline rule");
            }
        }
        return new Result(List.copyOf(dates), List.copyOf(problems));
    }

    /** The topic's RELAY deadline that is the office's date: the earliest of them; empty when it has none. */
    public static Optional<CallDeadline> officeDeadline(Topic topic) {
        return topic.deadlines().stream().filter(d -> d.kind() == DeadlineKind.RELAY)
                .min(Comparator.comparing(d -> d.closes().earliest(InternalDeadline.ZONE)));
    }

    /**
     * The topic without the RELAY deadline that became the office's date, as the office's staff are shown it: the
     * date is their internal deadline, not a second event at the same instant.
     */
    public static Topic withoutOfficeDeadline(Topic topic) {
        Optional<CallDeadline> own = officeDeadline(topic);
        if (own.isEmpty()) {
            return topic;
        }
        List<CallDeadline> rest = new ArrayList<>(topic.deadlines());
        rest.remove(own.get());
        return topic.withDeadlines(rest);
    }

    /** A date as an instant in Beijing time: a date without a time at the rule's time of day, else {@value #DEFAULT_TIME}. */
    static Instant instant(DateOrDateTime when, InternalDeadline.Rule rule) {
        if (when.timed()) {
            return when.dateTime().toInstant();
        }
        LocalTime at = rule != null ? rule.at() : LocalTime.parse(DEFAULT_TIME);
        return when.date().atTime(at).atZone(InternalDeadline.ZONE).toInstant();
    }
}
