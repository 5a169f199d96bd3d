package cutoff.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds a call's deadlines in its sentences: the applicant's window (opening and cutoff) and every
 * other dated step, each classified by the words around its date. Three steps, each a class with its rules:
 * <ol>
 *   <li>{@link DateCandidates}: every date and time expression, with its span and the words around it;</li>
 *   <li>{@link DateRoles}: what each date is (no deadline, an opening, a deadline), its kind and actor;</li>
 *   <li>{@link CutoffDecision}: each deadline's date resolved with the reasons to review it, and which one is
 *       the applicants' cutoff.</li>
 * </ol>
 * Several deadlines in one sentence are each read (广东 2013 relayed by a university office: applicants online
 * by 2013年5月30日下午5:00, the recommending authorities by 6月3日下午5:00, paper copies by 6月7日下午5点).
 * Foreign-side dates ({@code 外方截止时间}, {@code （英方）9月29号}) are left to {@link ForeignSide}.
 */
final class DeadlineReader {
    /**
     * What was read: the window (or {@code null}), the other deadlines, notes for {@code missing}, and the groups of
     * applicants with a cutoff of their own (each a topic of its own).
     */
    record Reading(Window window, String windowAsWritten, List<CallDeadline> deadlines, List<String> notes,
                   List<CutoffDecision.GroupWindow> groups) {
        /** A reading without groups of applicants of their own. */
        Reading(Window window, String windowAsWritten, List<CallDeadline> deadlines, List<String> notes) {
            this(window, windowAsWritten, deadlines, notes, List.of());
        }

        /**
         * The reading of a notice that is about paper materials only (its title: 关于…纸质材料受理的通知): the window
         * it states is when paper copies are received, a {@code PAPER_COPY} deadline, and the notice states no
         * applicant cutoff.
         */
        Reading paperOnly() {
            if (window == null) {
                return this;
            }
            List<CallDeadline> all = new ArrayList<>();
            all.add(new CallDeadline(DeadlineKind.PAPER_COPY, window.closes(), windowAsWritten, null, null,
                    window.reasons(), window.source()));
            deadlines.stream().filter(d -> !d.closes().equals(window.closes())).forEach(all::add);
            List<String> why = new ArrayList<>(notes);
            why.add("the notice is about paper materials (its title); the dates it gives are when they are received, "
                    + "not the applicants' cutoff");
            return new Reading(null, null, all, why);
        }
    }

    /**
     * A title that announces a notice about paper materials only (关于…纸质材料受理的通知, 关于报送书面申报材料的通知), not a
     * call that also asks for them (…网上申报及纸质材料报送…, …征集…).
     */
    static final Pattern PAPER_TITLE = Pattern.compile("^(?!.*(?:网上|在线|系统|征集|指南|组织申报)).*(?:纸质|书面|纸本)(?:申报)?材料");

    /** Places a sentence in the notice: its 1-based line, or {@code null}. */
    interface Locator {
        Integer line(String sentence);

        Locator NONE = sentence -> null;
    }

    private DeadlineReader() {
    }

    /**
     * Reads the deadlines of some lines.
     *
     * @param lines    logical lines of a topic, or of the notice outside its topics
     * @param trailer  lines after the signature (a relaying body's note), or empty
     * @param years    where a year-less date takes its year
     */
    static Reading read(List<String> lines, List<String> trailer, Years years) {
        return read(lines, trailer, years, Locator.NONE);
    }

    /** As {@link #read(List, List, Years)}, each date's {@link Source} placed on its line by {@code locator}. */
    static Reading read(List<String> lines, List<String> trailer, Years years, Locator locator) {
        List<CutoffDecision.Found> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean list = false;
        List<String> unreadable = new ArrayList<>();
        DateCandidates.YearAnchor[] anchor = {null};
        List<CutoffDecision.FromCutoff> fromCutoff = new ArrayList<>();
        for (String line : lines) {
            for (DateCandidates.Unreadable digits : DateCandidates.unreadableAt(line)) {
                String note = "digits that look like a date could not be read (" + digits.digits() + "); a person must read them";
                if (!notes.contains(note)) {
                    notes.add(note);
                    // Digits in another body's step (…推荐…，于2023624日11:00之前…发送到市科技局) cast no doubt on the
                    // applicants' cutoff; digits that may be it do.
                    if (DateRoles.kindAround(digits.sentence(), digits.start(), digits.end(), false) == null) {
                        unreadable.add(note);
                    }
                }
            }
            DateCandidates.Relative relative = DateCandidates.relative(line);
            if (relative != null) {
                CutoffDecision.relative(relative, line, years, locator, found, notes);
            }
            boolean dated = !ChineseDates.find(line).isEmpty();
            boolean listed = list && dated;
            readLine(line, false, listed, years, found, notes, locator, anchor, fromCutoff);
            list = DateRoles.introducesList(line) && !dated || listed;
        }
        for (String line : trailer) {
            readLine(line, true, false, years, found, notes, locator, anchor, fromCutoff);
        }
        return CutoffDecision.decide(found, notes, unreadable, fromCutoff);
    }

    /**
     * Reads the deadlines of a line, sentence by sentence: candidates, their roles, each one resolved.
     *
     * @param anchor the year the text last stated ({@link DateRoles.Reader#anchor()}), carried from line to line
     */
    private static void readLine(String line, boolean inTrailer, boolean listed, Years years,
                                 List<CutoffDecision.Found> found, List<String> notes, Locator locator,
                                 DateCandidates.YearAnchor[] anchor, List<CutoffDecision.FromCutoff> fromCutoff) {
        if (ChineseDates.dateLine(line) != null) {
            return;
        }
        for (DateCandidates.Sentence sentence : DateCandidates.sentences(line, locator)) {
            for (DateCandidates.FromCutoff relative : DateCandidates.fromCutoff(sentence.text())) {
                fromCutoff.add(new CutoffDecision.FromCutoff(relative, DateRoles.kind(sentence.text(), relative, inTrailer),
                        new Source(locator.line(sentence.text()), relative.start(), relative.end(), sentence.text())));
            }
            int foundBefore = found.size();
            DateRoles.Reader roles = DateRoles.reader(sentence, inTrailer, listed, anchor[0]);
            for (DateRoles.Role role = roles.next(); role != null; role = roles.next()) {
                CutoffDecision.Found f = CutoffDecision.read(role, sentence, years, notes);
                if (f != null) {
                    found.add(f);
                    roles.read();
                }
            }
            CutoffDecision.doubtRivals(found.subList(foundBefore, found.size()));
            anchor[0] = roles.anchor();
        }
    }
}
