package cutoff.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.DateOrDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scorer's matching rules, on made-up labels and readings (no corpus). */
class ScorerTest {
    private static DateOrDateTime at(String s) {
        return DateOrDateTime.parse(s);
    }

    private static Label label(String kind, String at) {
        return new Label(kind, at(at), null, null, "…");
    }

    private static Readings.Read read(String kind, String at, boolean sure) {
        return new Readings.Read(kind, at(at), sure);
    }

    private static Readings cutoffs(Readings.Read... reads) {
        return new Readings(List.of(reads), List.of(), List.of(), List.of());
    }

    @Test
    void sameInstantWhateverTheOffsetAndADayForATimedLabelButNoTimeMadeUp() {
        assertTrue(Scorer.same(at("2021-03-10T16:00:00+02:00"), at("2021-03-10T22:00:00+08:00")));
        assertFalse(Scorer.same(at("2021-03-10T16:00:00+08:00"), at("2021-03-10T16:30:00+08:00")));
        assertTrue(Scorer.same(at("2021-03-10"), at("2021-03-10")));
        assertTrue(Scorer.same(at("2021-03-10"), at("2021-03-10T16:00:00+08:00")), "a bare day for a timed label counts");
        assertFalse(Scorer.same(at("2021-03-10T16:00:00+08:00"), at("2021-03-10")), "a time read for a bare label does not");
        assertFalse(Scorer.same(at("2021-03-11"), at("2021-03-10")));
    }

    @Test
    void aSureCutoffIsRightAReviewOneFlaggedAnotherDateWrongAndNothingMissed() {
        List<Label> labels = List.of(label("APPLICANT_CUTOFF", "2024-05-20T16:30:00+08:00"));
        assertEquals(1, Scorer.score(labels, cutoffs(read("APPLICANT_CUTOFF", "2024-05-20T16:30:00+08:00", true)), false).right());
        Score flagged = Scorer.score(labels, cutoffs(read("APPLICANT_CUTOFF", "2024-05-10", false)), false);
        assertEquals(List.of(0, 1, 0, 0, 0), List.of(flagged.right(), flagged.flagged(), flagged.wrong(), flagged.missed(),
                flagged.confidentWrong()));
        Score wrong = Scorer.score(labels, cutoffs(read("APPLICANT_CUTOFF", "2024-05-10", true)), false);
        assertEquals(List.of(0, 0, 1, 0, 1), List.of(wrong.right(), wrong.flagged(), wrong.wrong(), wrong.missed(),
                wrong.confidentWrong()));
        Score missed = Scorer.score(labels, Readings.none(), true);
        assertEquals(List.of(0, 1, 1), List.of(missed.right(), missed.missed(), missed.refused()));
    }

    @Test
    void aRelaysOwnDateIsTheCutoffWhereTheCallsIsNotStatedAsCutoffOrAsRelayDeadline() {
        List<Label> labels = List.of(label("RELAY", "2020-04-04T16:00:00+08:00"));
        assertEquals(1, Scorer.score(labels, cutoffs(read("APPLICANT_CUTOFF", "2020-04-04T16:00:00+08:00", true)), false).right());
        Readings asRelay = new Readings(List.of(), List.of(), List.of(read("RELAY", "2020-04-04T16:00:00+08:00", true)), List.of());
        Score s = Scorer.score(labels, asRelay, false);
        assertEquals(List.of(1, 1, 0), List.of(s.cutoffs(), s.right(), s.otherTotal()));
        // Where the call's cutoff is stated, the relay's date is another deadline, and as the cutoff it is wrong.
        List<Label> both = List.of(label("APPLICANT_CUTOFF", "2020-04-10"), label("RELAY", "2020-04-04"));
        Score relayAsCutoff = Scorer.score(both, cutoffs(read("APPLICANT_CUTOFF", "2020-04-04", true)), false);
        assertEquals(List.of(1, 1, 1), List.of(relayAsCutoff.wrong(), relayAsCutoff.confidentWrong(), relayAsCutoff.otherTotal()));
    }

    @Test
    void topicsMatchByValueAndARepeatedNoticeWideWindowCountsOnce() {
        List<Label> labels = List.of(label("APPLICANT_CUTOFF", "2025-02-13"), label("APPLICANT_CUTOFF", "2025-02-13"),
                label("APPLICANT_CUTOFF", "2025-08-29"));
        Score s = Scorer.score(labels, cutoffs(read("APPLICANT_CUTOFF", "2025-08-29", true),
                read("APPLICANT_CUTOFF", "2025-02-13", true), read("APPLICANT_CUTOFF", "2025-02-13", true)), false);
        assertEquals(3, s.right());
        Score once = Scorer.score(List.of(label("APPLICANT_CUTOFF", "2025-02-13")), cutoffs(read("APPLICANT_CUTOFF", "2025-02-13", true),
                read("APPLICANT_CUTOFF", "2025-02-13", true)), false);
        assertEquals(List.of(1, 0), List.of(once.right(), once.confidentWrong()));
    }

    @Test
    void aCutoffOnANoticeWithoutOneAndAnUnlabelledDeadlineAreConfidentWrongOnceEachUnlessMarkedForReview() {
        Score falseCutoff = Scorer.score(List.of(label("PAPER_COPY", "2020-04-20")),
                cutoffs(read("APPLICANT_CUTOFF", "2020-04-20", true), read("APPLICANT_CUTOFF", "2020-04-20", true)), false);
        assertEquals(1, falseCutoff.confidentWrong(), "a paper-copy date published as the cutoff");
        Readings extra = new Readings(List.of(), List.of(), List.of(read("OTHER", "2021-01-31", true),
                read("PAPER_COPY", "2021-02-18", true), read("OTHER", "2021-02-01", false)), List.of());
        Score s = Scorer.score(List.of(label("RELAY", "2021-02-18")), extra, false);
        assertEquals(1, s.confidentWrong(), "the unlabelled sure date; the labelled one under another kind and the review one are not");
        Score kinds = Scorer.score(List.of(label("APPLICANT_CUTOFF", "2021-02-10"), label("PAPER_COPY", "2021-02-18")), extra, false);
        assertEquals(List.of(1, 1), List.of(kinds.otherRightTotal(), kinds.otherTotal()));
    }

    @Test
    void aCutoffTheReadingSaysItCouldNotRead_isFlaggedNotMissed_onlyForThatDate() {
        Label damaged = new Label("APPLICANT_CUTOFF", at("2015-03-20T16:00:00+08:00"), null, null, "32016時截止");
        Readings says = new Readings(List.of(), List.of(), List.of(), List.of(),
                List.of("topics[0].window: digits that look like a date could not be read (32016時); a person must read them"));
        assertEquals(List.of(1, 0), List.of(Scorer.score(List.of(damaged), says, false).flagged(),
                Scorer.score(List.of(damaged), says, false).missed()));
        Label other = new Label("APPLICANT_CUTOFF", at("2015-04-01"), null, null, "2015年4月1日截止");
        assertEquals(1, Scorer.score(List.of(other), says, false).missed(), "another date is still missed");
        Readings simplified = new Readings(List.of(), List.of(), List.of(), List.of(),
                List.of("topics[0].window: digits that look like a date could not be read (32016时); a person must read them"));
        assertEquals(1, Scorer.score(List.of(damaged), simplified, false).flagged(),
                "the reader quotes traditional text made simplified (时 for 時): the same digits");
        Readings yearless = new Readings(List.of(), List.of(), List.of(), List.of(),
                List.of("topics[0].window: no applicant cutoff; 5月20日 is written without a year and the notice has no signature date"));
        Label noYear = new Label("RELAY", at("2015-05-20"), null, null, "请于5月20日前", "source");
        assertEquals(1, Scorer.score(List.of(noYear), yearless, false).flagged());
        assertEquals(1, Scorer.score(List.of(new Label("RELAY", at("2015-05-21"), null, null, "5月21日", "source")), yearless, false).missed());
        Label yearInText = new Label("RELAY", at("2015-05-20"), null, null, "请于5月20日前", "text");
        assertEquals(1, Scorer.score(List.of(yearInText), yearless, false).missed(), "the text gives the year: the reader should have");
    }

    @Test
    void foreignSideAndOpeningsByValue() {
        List<Label> labels = List.of(label("FOREIGN", "2019-09-13T17:00:00+08:00"), label("OPENS", "2019-07-01"));
        Readings r = new Readings(List.of(), List.of(read("OPENS", "2019-07-01", true)), List.of(),
                List.of(read("FOREIGN", "2019-09-13T10:00:00+01:00", true), read("FOREIGN", "2024-05-20", true)));
        Score s = Scorer.score(labels, r, false);
        assertEquals(List.of(1, 1, 1, 1), List.of(s.foreignRight(), s.foreignFalse(), s.openingsRight(), s.confidentWrong()));
    }
}
