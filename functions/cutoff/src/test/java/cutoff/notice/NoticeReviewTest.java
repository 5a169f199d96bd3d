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
}
