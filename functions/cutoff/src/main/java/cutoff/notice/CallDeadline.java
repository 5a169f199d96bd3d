package cutoff.notice;

import cutoff.util.Invisibles;

/**
 * A deadline of a call besides the applicant's cutoff ({@link Window#closes()}): the recommending
 * body's review, paper copies, the stages of a staged call, a relaying office's own earlier date.
 *
 * <p>Source: 广东 2013 对外科技合作专项 as relayed by a university office (applicants online by
 * 5月30日下午5:00, the recommending authorities by 6月3日下午5:00, paper copies by 6月7日下午5点);
 * 科技部国际合作司 2013 中以 call relayed by a city bureau (请务必于2013年4月10日之前…报送).
 *
 * @param kind      what the deadline is for: one of the further kinds ({@link DeadlineKind#further()})
 * @param closes    when it falls, Beijing time; a bare date when no time is written
 * @param asWritten the date phrase as written, e.g. {@code 2013年6月3日下午5:00}
 * @param who       who must act by then, as written ({@code 各级科技主管部门}, {@code 科研处}); {@code null}
 *                  when the sentence names nobody
 * @param confidence {@code sure}, or {@code review} when a person confirms it before it is published; a record
 *                  that does not say is {@code sure}
 * @param reasons   why it needs review; empty (omitted) when sure: a person's confirmation drops them
 * @param source    where it was read; {@code null} (omitted) when written by hand
 */
public record CallDeadline(DeadlineKind kind, DateOrDateTime closes, String asWritten, String who, Confidence confidence,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                           java.util.List<String> reasons,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           Source source) {

    /** Invisible and control characters are left out of the text, line breaks made spaces ({@link Invisibles#line}); the kind is a further one. */
    public CallDeadline {
        java.util.Objects.requireNonNull(kind, "kind");
        if (!kind.further()) {
            throw new IllegalArgumentException("not a further deadline's kind: " + kind);
        }
        java.util.Objects.requireNonNull(closes, "closes");
        asWritten = Invisibles.line(asWritten);
        who = Invisibles.line(who);
        reasons = reasons == null ? java.util.List.of() : java.util.List.copyOf(reasons);
        confidence = Confidence.orImplied(confidence, reasons);
        if (confidence == Confidence.SURE) {
            reasons = java.util.List.of(); // sure is confirmed: no reason for review is left to show (待核实)
        }
    }

    /** A sure deadline written by hand (no source). */
    public CallDeadline(DeadlineKind kind, DateOrDateTime closes, String asWritten, String who) {
        this(kind, closes, asWritten, who, Confidence.SURE, java.util.List.of(), null);
    }

    /** True when published as read. */
    public boolean sure() {
        return confidence == Confidence.SURE;
    }
}
