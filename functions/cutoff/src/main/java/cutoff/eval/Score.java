package cutoff.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the reader did on one notice, or on a corpus (the sum of its notices: {@link #plus}).
 *
 * @param cutoffs        the applicant cutoffs the labels state (a relay's own dates where the call's is not stated)
 * @param right          of those, read as {@code window.closes} with the same value, and sure
 * @param flagged        of those, read (right or not) as a {@code review} reading: a person checks it before it is published
 * @param wrong          of those, a different date was published in their place, sure
 * @param missed         of those, nothing was published in their place
 * @param otherLabelled  other labelled deadlines by kind (RECOMMENDATION, PAPER_COPY, PRE_PROPOSAL, FULL_PROPOSAL,
 *                       RELAY, OTHER)
 * @param otherRight     of those, read with the same kind and value
 * @param foreign        labelled foreign-side deadlines
 * @param foreignRight   of those, read with the same date (and time, when both have one)
 * @param foreignFalse   foreign-side dates read that no label states
 * @param openings       labelled openings (OPENS)
 * @param openingsRight  of those, read as a {@code window.opens} with the same value
 * @param confidentWrong dates the reader would publish without review that are wrong: a cutoff no label states
 *                       as a cutoff, or another deadline or foreign-side date no label states at all
 * @param refused        notices the reader refused (not a notice, not readable)
 * @param problems       one phrase per wrong, missed, flagged or false date, for the notice's line
 */
public record Score(int cutoffs, int right, int flagged, int wrong, int missed, Map<String, Integer> otherLabelled,
                    Map<String, Integer> otherRight, int foreign, int foreignRight, int foreignFalse, int openings,
                    int openingsRight, int confidentWrong, int refused, List<String> problems) {

    /** Nothing yet: the start of a sum. */
    public static Score zero() {
        return new Score(0, 0, 0, 0, 0, Map.of(), Map.of(), 0, 0, 0, 0, 0, 0, 0, List.of());
    }

    /** The sum of two scores (problems are per notice and not summed). */
    public Score plus(Score o) {
        return new Score(cutoffs + o.cutoffs, right + o.right, flagged + o.flagged, wrong + o.wrong, missed + o.missed,
                add(otherLabelled, o.otherLabelled), add(otherRight, o.otherRight), foreign + o.foreign,
                foreignRight + o.foreignRight, foreignFalse + o.foreignFalse, openings + o.openings,
                openingsRight + o.openingsRight, confidentWrong + o.confidentWrong, refused + o.refused, List.of());
    }

    private static Map<String, Integer> add(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> sum = new LinkedHashMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Integer::sum));
        return sum;
    }

    /** Other deadlines, all kinds together: labelled. */
    public int otherTotal() {
        return otherLabelled.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Other deadlines, all kinds together: read right. */
    public int otherRightTotal() {
        return otherRight.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The figures on one line: {@code cutoffs 3/4 right, 0 flagged, 1 wrong, 0 missed; other 2/3 …}. */
    public String figures() {
        List<String> kinds = new ArrayList<>();
        otherLabelled.forEach((k, n) -> kinds.add(k + " " + otherRight.getOrDefault(k, 0) + "/" + n));
        return "cutoffs " + right + "/" + cutoffs + " right, " + flagged + " flagged, " + wrong + " wrong, " + missed
                + " missed; other " + otherRightTotal() + "/" + otherTotal()
                + (kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")")
                + "; foreign " + foreignRight + "/" + foreign + (foreignFalse > 0 ? " +" + foreignFalse + " false" : "")
                + "; openings " + openingsRight + "/" + openings + "; confident-wrong " + confidentWrong
                + (refused > 0 ? "; refused " + refused : "");
    }
}
