package cutoff.deadline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.DeadlineKind;
import cutoff.notice.Notice;
import cutoff.testing.Project;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A cutoff event says the cutoff includes the institution's review only when the notice says so
 * (STCSM 沪科指南〔2026〕8号: 截止时间（含申报单位网上审核提交）); for any other notice that would be invented.
 */
class ReviewNoteTest {
    private static String cutoffDescription(String noticeId) throws Exception {
        Notice n = Project.shippedNotice(noticeId);
        return Deadlines.of(n, Instant.EPOCH).stream().filter(d -> d.kind() == DeadlineKind.CLOSES).findFirst()
                .orElseThrow().description();
    }

    @Test
    void theReviewClaim_onlyWhereTheNoticeMakesIt() throws Exception {
        String stcsm = cutoffDescription("2026-8-304af3");
        assertTrue(stcsm.contains("截止时间含申报单位网上审核提交") && stcsm.contains("includes the applicant institution's"), stcsm);
        String ministry = cutoffDescription("x-c8b0077121");
        assertFalse(ministry.contains("含申报单位网上审核提交") || ministry.contains("includes the applicant institution's"), ministry);
        assertTrue(ministry.contains("Leave time for your institution's review"), ministry);
    }
}
