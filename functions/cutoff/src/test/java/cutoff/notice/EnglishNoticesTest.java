package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Joint calls published in English are notices: generated from cutoff phrasings × date forms × time and zone forms,
 * each read in the zone written.
 */
class EnglishNoticesTest {
    private static Notice parse(String body) throws Exception {
        return new NoticeParser().parse(("Call for Proposals: Joint Research Scheme 2021\n\n" + body + "\n")
                .getBytes(StandardCharsets.UTF_8), null);
    }

    private static final List<String> PHRASES = List.of(
            "Deadline for submission: %s.", "Proposals must be submitted by %s.", "Online applications should be made before %s.",
            "The application deadline is %s.", "The application period will be from 1 February 2021 to %s.");
    private static final List<String> DATES = List.of("10 March 2021", "March 10, 2021", "Mar. 10, 2021", "10th March 2021");
    private static final Map<String, String> TIMES = Map.of(
            "", "2021-03-10",
            ", 17:00", "2021-03-10T17:00:00+08:00",
            " 5 pm", "2021-03-10T17:00:00+08:00",
            ", 17:00 (Beijing time)", "2021-03-10T17:00:00+08:00",
            " 17:00 Hong Kong time", "2021-03-10T17:00:00+08:00",
            ", 17:00 Israel time", "2021-03-10T17:00:00+02:00",
            " 12:00 GMT", "2021-03-10T20:00:00+08:00",
            ", 17:00 Atlantis time", "2021-03-10");

    @Test
    void everyPhrasing_dateForm_andZone_givesTheCutoffInTheZoneWritten_sure() throws Exception {
        for (String phrase : PHRASES) {
            for (String date : DATES) {
                for (Map.Entry<String, String> time : TIMES.entrySet()) {
                    String sentence = String.format(phrase, date + time.getKey());
                    Notice n = parse(sentence);
                    Window w = n.topics().get(0).window();
                    assertTrue(w != null, sentence + " → " + n.missing());
                    assertTrue(Scorer.same(w.closes(), DateOrDateTime.parse(time.getValue())), sentence + " → " + w.closes());
                    assertEquals(Confidence.SURE, w.confidence(), sentence + " → " + w.reasons());
                }
            }
        }
    }

    @Test
    void aDateThatDoesNotNameTheApplication_isForReview_andNonDeadlinesAreNotRead() throws Exception {
        Notice account = parse("Step one. Please ask the research office for a system account by May 24, 2021 to open account.");
        assertEquals(Confidence.REVIEW, account.topics().get(0).window().confidence());
        Notice none = parse("The rules published by the Foundation on December 23, 2014 apply. Applicants must be born after "
                + "January 1, 1978.\nProject Duration: two years starting from January 1, 2019.");
        assertEquals(null, none.topics().get(0).window(), none.topics().get(0).toString());
    }

    @Test
    void aSentenceEndingAtALineEnd_isItsOwnSentence_soAnEarlierSentencesWordsDoNotVetoTheDate() throws Exception {
        for (String earlier : List.of("The Ministry has recently released a new call.", "The guide was published last week!",
                "Signed agreements are required;")) {
            for (String heading : List.of("Important Dates", "", "2. Dates")) {
                for (String phrase : PHRASES) {
                    String text = earlier + "\n" + (heading.isEmpty() ? "" : heading + "\n") + String.format(phrase, "March 10, 2021");
                    Notice n = parse(text);
                    Window w = n.topics().get(0).window();
                    assertTrue(w != null && w.closes().toString().equals("2021-03-10"), text + " → " + n.missing());
                }
            }
        }
        assertEquals("See https://example.org/calls/2021/index.html for details.",
                NoticeText.logical(List.of("See https://example.org/calls/", "2021/index.html for details.")).get(0));
    }

    /** Same instant for timed values, same day for dates (the eval's rule, here for a sentence's expected value). */
    private static final class Scorer {
        static boolean same(DateOrDateTime read, DateOrDateTime expected) {
            return read.timed() == expected.timed() && (read.timed()
                    ? read.dateTime().toInstant().equals(expected.dateTime().toInstant()) : read.date().equals(expected.date()));
        }
    }
}
