package cutoff.eval;

import cutoff.notice.DateOrDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a reading of a notice against its labels, by the conventions of the labelled corpus
 * ({@code ../shared/guidelines/corpus/README.md}).
 *
 * <p>The rules:
 * <ul>
 *   <li><b>Which cutoffs count.</b> The labelled {@code APPLICANT_CUTOFF}s; in a notice that states none (a relay
 *       that gives only its own date), its {@code RELAY} dates: for the relayer's staff that date binds, and a
 *       reader may publish it as the cutoff or as a deadline of kind {@code RELAY}.</li>
 *   <li><b>Same value.</b> Two timed values are the same instant (whatever their offsets); two bare dates
 *       the same day. A bare date read for a timed label on the same day counts (less precise, not wrong: the
 *       reminder comes earlier). A time read for a bare label does not (the reader made a time up).</li>
 *   <li><b>Topics</b> are matched by value, not by name: each label takes one reading of its value, and
 *       further topics sharing a labelled value are not counted again.</li>
 *   <li><b>Right, flagged, wrong, missed.</b> A cutoff label is right when a sure reading has its value,
 *       flagged when the reading for it (of its value, or the one in its place) is marked for review, wrong
 *       when a sure reading of another value stands in its place, missed when nothing does.</li>
 *   <li><b>Reported, not guessed.</b> A cutoff nothing stands in for is flagged, not missed, when the reading says
 *       in {@code missing} why it could not read it: its digits could not be read (quoting digits of the label's
 *       phrase), or its day is written without a year (quoting the day) where the text states none (the label's
 *       {@code yearFrom} is {@code source}). The corpus's
 *       conventions count both as right not to guess.</li>
 *   <li><b>Confident-wrong</b>: a sure cutoff whose value no cutoff label has, and a sure further deadline or
 *       foreign-side date whose value no label of the notice has at all. Each wrong value counts once.</li>
 *   <li><b>Other deadlines</b> are right with the same kind and value; <b>openings</b> with the value of some
 *       {@code window.opens}; <b>foreign-side</b> dates with the same value.</li>
 * </ul>
 */
public final class Scorer {
    /** The kinds scored as "other deadlines". */
    public static final List<String> OTHER_KINDS = List.of("RECOMMENDATION", "PAPER_COPY", "PRE_PROPOSAL",
            "FULL_PROPOSAL", "RELAY", "OTHER");

    private Scorer() {
    }

    /** True when {@code read} states the same deadline as {@code label} (see the class comment). */
    public static boolean same(DateOrDateTime read, DateOrDateTime label) {
        if (read.timed() && label.timed()) {
            return read.dateTime().toInstant().equals(label.dateTime().toInstant());
        }
        if (!read.timed() && !label.timed()) {
            return read.date().equals(label.date());
        }
        return !read.timed() && read.date().equals(label.date());
    }

    /**
     * The score of one notice.
     *
     * @param labels   the notice's labels
     * @param readings what the reader would publish ({@link Readings#none()} for a refused notice)
     * @param refused  the reader refused the notice
     */
    public static Score score(List<Label> labels, Readings readings, boolean refused) {
        List<String> problems = new ArrayList<>();
        List<Label> targets = labels.stream().filter(l -> l.kind().equals("APPLICANT_CUTOFF")).toList();
        boolean relayTargets = targets.isEmpty();
        if (relayTargets) {
            targets = labels.stream().filter(l -> l.kind().equals("RELAY")).toList();
        }
        List<Readings.Read> pool = new ArrayList<>(readings.cutoffs());
        if (relayTargets) {
            readings.deadlines().stream().filter(r -> r.kind().equals("RELAY")).forEach(pool::add);
        }
        boolean[] used = new boolean[pool.size()];
        int right = 0;
        int flagged = 0;
        int wrong = 0;
        int missed = 0;
        int confidentWrong = 0;
        List<Label> unmatched = new ArrayList<>();
        for (Label target : targets) {
            int i = find(pool, used, r -> same(r.value(), target.at()));
            if (i < 0) {
                unmatched.add(target);
                continue;
            }
            used[i] = true;
            if (pool.get(i).sure()) {
                right++;
            } else {
                flagged++;
                problems.add("flagged " + target.at() + " (right)");
            }
        }
        List<Label> finalTargets = targets;
        java.util.function.Predicate<Readings.Read> anyTarget = r -> finalTargets.stream().anyMatch(t -> same(r.value(), t.at()));
        Set<String> wrongValues = new java.util.HashSet<>();
        for (Label target : unmatched) {
            int i = find(pool, used, r -> !anyTarget.test(r));
            if (i < 0 && reported(readings.missing(), target)) {
                flagged++;
                problems.add("reported unreadable " + target.at());
                continue;
            }
            if (i < 0) {
                missed++;
                problems.add("missed " + target.at());
                continue;
            }
            used[i] = true;
            Readings.Read r = pool.get(i);
            if (r.sure()) {
                wrong++;
                problems.add("wrong " + r.value() + " for " + target.at());
                if (wrongValues.add(r.value().toString())) {
                    confidentWrong++;
                }
            } else {
                flagged++;
                problems.add("flagged " + r.value() + " for " + target.at());
            }
        }
        for (int i = 0; i < pool.size(); i++) {
            Readings.Read r = pool.get(i);
            if (!used[i] && r.sure() && !anyTarget.test(r) && r.kind().equals("APPLICANT_CUTOFF")
                    && wrongValues.add(r.value().toString())) {
                confidentWrong++;
                problems.add("false cutoff " + r.value());
            }
        }

        Map<String, Integer> otherLabelled = new LinkedHashMap<>();
        Map<String, Integer> otherRight = new LinkedHashMap<>();
        for (Label l : labels) {
            if (!OTHER_KINDS.contains(l.kind()) || (relayTargets && l.kind().equals("RELAY"))) {
                continue;
            }
            otherLabelled.merge(l.kind(), 1, Integer::sum);
            boolean found = readings.deadlines().stream().anyMatch(r -> r.kind().equals(l.kind()) && same(r.value(), l.at()));
            otherRight.merge(l.kind(), found ? 1 : 0, Integer::sum);
            if (!found) {
                problems.add("missed " + l.kind() + " " + l.at());
            }
        }
        for (Readings.Read r : readings.deadlines()) {
            boolean labelled = labels.stream().anyMatch(l -> same(r.value(), l.at()));
            if (!labelled && r.sure() && wrongValues.add(r.value().toString())) {
                confidentWrong++;
                problems.add("false " + r.kind() + " " + r.value());
            }
        }

        List<Label> foreignLabels = labels.stream().filter(l -> l.kind().equals("FOREIGN")).toList();
        int foreignRight = (int) foreignLabels.stream()
                .filter(l -> readings.foreign().stream().anyMatch(r -> same(r.value(), l.at()))).count();
        int foreignFalse = 0;
        for (Readings.Read r : readings.foreign()) {
            if (foreignLabels.stream().noneMatch(l -> same(r.value(), l.at()))) {
                foreignFalse++;
                problems.add("false foreign-side " + r.value());
                if (r.sure() && labels.stream().noneMatch(l -> same(r.value(), l.at())) && wrongValues.add(r.value().toString())) {
                    confidentWrong++;
                }
            }
        }
        List<Label> openingLabels = labels.stream().filter(l -> l.kind().equals("OPENS")).toList();
        int openingsRight = (int) openingLabels.stream()
                .filter(l -> readings.openings().stream().anyMatch(r -> same(r.value(), l.at()))).count();
        if (refused) {
            problems.add(0, "refused");
        }
        return new Score(targets.size(), right, flagged, wrong, missed, otherLabelled, otherRight, foreignLabels.size(),
                foreignRight, foreignFalse, openingLabels.size(), openingsRight, confidentWrong, refused ? 1 : 0, problems);
    }

    /** True when {@code missing} says why the label's date could not be read (see the class comment). */
    static boolean reported(List<String> missing, Label label) {
        String day = label.at().date().getMonthValue() + "月" + label.at().date().getDayOfMonth() + "日";
        for (String line : missing) {
            if ("source".equals(label.yearFrom()) && line.contains(day + " is written without a year")) {
                return true;
            }
            java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("could not be read \\(([^)]+)\\)").matcher(line);
            while (quoted.find()) {
                // The reader reads traditional script made simplified (時 → 时); the label keeps the text's script.
                String digits = quoted.group(1).replaceAll("[^0-9年月日时時]", "").replace('時', '时');
                if (!digits.isEmpty() && label.asWritten() != null && label.asWritten().replace('時', '时').contains(digits)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int find(List<Readings.Read> pool, boolean[] used, java.util.function.Predicate<Readings.Read> test) {
        for (int i = 0; i < pool.size(); i++) {
            if (!used[i] && test.test(pool.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
