package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a person must confirm before a reading is published, and the operator's confirmation. */
class NoticeReviewTest {
    private static Notice parse(String text) throws Exception {
        return new NoticeParser().parse(text.getBytes(StandardCharsets.UTF_8), null);
    }

    private static final String TWO = "关于申报2024年度测试项目的通知\n各有关单位：\n请申报人于2024年5月10日前提交申报书，截止时间为2024年5月20日17:00。\n科技处\n2024年4月1日\n";

    @Test
    void twoApplicantCutoffsInASentence_nameTheTopicTheCandidatesAndTheReason() throws Exception {
        Notice n = parse(TWO);
        List<String> pending = NoticeReview.pending(n);
        assertEquals(1, pending.size(), pending.toString());
        String line = pending.get(0);
        String id = n.topics().get(0).id();
        assertTrue(line.startsWith("topic " + id + " ("), line);
        assertTrue(line.contains("cutoff 2024-05-20T17:00:00+08:00 (2024年5月20日17:00)") && line.contains("OTHER 2024-05-10 (2024年5月10日前)"), line);
        assertTrue(line.contains("two candidate applicant cutoffs in one sentence"), line);
        assertTrue(line.contains("--accept-review " + id + "="), line);
    }

    @Test
    void theOperatorsCutoff_isSure_andTheOtherCandidatesLeaveWithANote() throws Exception {
        Notice n = parse(TWO);
        String id = n.topics().get(0).id();
        Notice accepted = NoticeReview.accept(n, Map.of(id, DateOrDateTime.parse("2024-05-20T17:00:00+08:00")));
        assertEquals(List.of(), NoticeReview.pending(accepted));
        Topic t = accepted.topics().get(0);
        assertEquals(DateOrDateTime.parse("2024-05-20T17:00:00+08:00"), t.window().closes());
        assertTrue(t.window().sure());
        assertEquals(List.of(), t.deadlines());
        assertTrue(accepted.review().contains(id + " cutoff 2024-05-20T17:00+08:00 confirmed by the operator")
                || accepted.review().contains("confirmed by the operator"), accepted.review());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> NoticeReview.accept(n, Map.of("专题九", DateOrDateTime.parse("2024-05-20"))));
        assertTrue(unknown.getMessage().contains("专题九") && unknown.getMessage().contains(id), unknown.getMessage());
    }

    @Test
    void aSureNotice_hasNothingPending() throws Exception {
        assertEquals(List.of(), NoticeReview.pending(parse(
                "关于申报2024年度测试项目的通知\n各有关单位：\n申报截止时间为2024年5月20日17:00。\n科技处\n2024年4月1日\n")));
    }

    /**
     * A date a person marks {@code "sure"} is confirmed: the reader's reasons for review go with it (they were shown as
     * 待核实 on the topic page and in the event's description though the date was published). Every kind of date that
     * carries a confidence, each confidence stated or not, with and without reasons, through the JSON a person sends.
     */
    @Test
    void sureDropsTheReasons_reviewAndUnstatedKeepThem_forEveryKindOfDate() throws Exception {
        Notice read = parse(TWO);
        var mapper = NoticeJson.mapper();
        String[] pointers = {"/topics/0/window", "/topics/0/deadlines/0"};
        for (String pointer : pointers) {
            for (String confidence : new String[]{"sure", "review", null}) {
                for (List<String> reasons : List.of(List.<String>of(), List.of("a reason"), List.of("one", "two"))) {
                    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(read);
                    var date = (com.fasterxml.jackson.databind.node.ObjectNode) tree.at(pointer);
                    assertTrue(date.isObject(), pointer + " in " + tree);
                    if (confidence == null) {
                        date.remove("confidence");
                    } else {
                        date.put("confidence", confidence);
                    }
                    date.set("reasons", mapper.valueToTree(reasons));
                    Notice back = NoticeJson.read(mapper.writeValueAsBytes(tree));
                    var again = mapper.valueToTree(back).at(pointer);
                    String expected = confidence != null ? confidence : reasons.isEmpty() ? "sure" : "review";
                    assertEquals(expected, again.get("confidence").asText(), pointer + " " + confidence + " " + reasons);
                    List<String> kept = again.has("reasons") ? mapper.convertValue(again.get("reasons"),
                            new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { }) : List.of();
                    assertEquals(expected.equals("sure") ? List.of() : reasons, kept, pointer + " " + confidence + " " + reasons);
                }
            }
        }
        ForeignDeadline sure = new ForeignDeadline("以色列", "ISF", java.time.ZoneId.of("Asia/Jerusalem"),
                java.time.LocalDate.of(2024, 5, 1), null, false, "5月1日", null, null, null, Confidence.SURE,
                List.of("a reason"), null);
        assertEquals(List.of(), sure.reasons());
        ForeignDeadline unsure = new ForeignDeadline("以色列", "ISF", java.time.ZoneId.of("Asia/Jerusalem"),
                java.time.LocalDate.of(2024, 5, 1), null, false, "5月1日", null, null, null, null, List.of("a reason"), null);
        assertEquals(Confidence.REVIEW, unsure.confidence());
        assertEquals(List.of("a reason"), unsure.reasons());
    }
}
