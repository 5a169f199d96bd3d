package cutoff.eval;

import cutoff.notice.CallDeadline;
import cutoff.notice.DateOrDateTime;
import cutoff.notice.DeadlineKind;
import cutoff.notice.ForeignDeadline;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import java.util.ArrayList;
import java.util.List;

/**
 * The dates a reading of a notice would publish, as the scorer compares them with the labels.
 *
 * @param cutoffs   every topic's {@code window.closes} (a notice-wide window once per topic)
 * @param openings  every topic's {@code window.opens}
 * @param deadlines every topic's further deadlines, with their kind
 * @param foreign   every dated foreign-side deadline (a side that closes with ours: our cutoff)
 * @param missing   what the reading says it could not read ({@link Notice#missing()})
 */
public record Readings(List<Read> cutoffs, List<Read> openings, List<Read> deadlines, List<Read> foreign,
                       List<String> missing) {

    /** A reading that reports nothing missing. */
    public Readings(List<Read> cutoffs, List<Read> openings, List<Read> deadlines, List<Read> foreign) {
        this(cutoffs, openings, deadlines, foreign, List.of());
    }

    /**
     * One date read.
     *
     * @param kind  {@code APPLICANT_CUTOFF}, {@code OPENS}, {@code FOREIGN} or a {@link DeadlineKind}'s name
     * @param value the value
     * @param sure  false when the reading is marked for review (a person confirms it before it is published)
     */
    public record Read(String kind, DateOrDateTime value, boolean sure) {
    }

    /** What {@code notice} would publish. */
    public static Readings of(Notice notice) {
        List<Read> cutoffs = new ArrayList<>();
        List<Read> openings = new ArrayList<>();
        List<Read> deadlines = new ArrayList<>();
        List<Read> foreign = new ArrayList<>();
        for (Topic t : notice.topics()) {
            boolean windowSure = t.window() == null || t.window().sure();
            if (t.window() != null) {
                cutoffs.add(new Read("APPLICANT_CUTOFF", t.window().closes(), windowSure));
                if (t.window().opens() != null) {
                    openings.add(new Read("OPENS", t.window().opens(), windowSure));
                }
            }
            for (CallDeadline d : t.deadlines()) {
                deadlines.add(new Read(d.kind().name(), d.closes(), d.sure()));
            }
            for (ForeignDeadline f : t.foreignDeadlines()) {
                if (f.sameAsOurs() && t.window() != null) {
                    foreign.add(new Read("FOREIGN", t.window().closes(), windowSure));
                } else if (f.date() != null) {
                    DateOrDateTime value = f.time() != null && f.zone() != null
                            ? DateOrDateTime.of(f.date().atTime(f.time()).atZone(f.zone()).toOffsetDateTime())
                            : DateOrDateTime.ofDate(f.date());
                    foreign.add(new Read("FOREIGN", value, f.sure()));
                }
            }
        }
        return new Readings(cutoffs, openings, deadlines, foreign, notice.missing());
    }

    /** Nothing read: a refused notice. */
    public static Readings none() {
        return new Readings(List.of(), List.of(), List.of(), List.of());
    }
}
