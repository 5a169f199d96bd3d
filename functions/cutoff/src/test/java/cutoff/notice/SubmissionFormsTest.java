package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Forms of a submission step generated from the notice grammar (who × what is sent × to whom × how the date is
 * written): each must give its kind and its date.
 */
class SubmissionFormsTest {
    private static final Years SIGNED_2031_04 = new Years(LocalDate.of(2031, 4, 2), null, null);

    private static DeadlineReader.Reading read(String... lines) {
        return DeadlineReader.read(List.of(lines), List.of(), SIGNED_2031_04);
    }

    /** Paper and electronic copies in one step, each way of joining them. */
    private static final List<String> BOTH = List.of("纸质版一式两份及电子版", "纸质及电子版申报材料", "申请书纸质版和电子版",
            "《申请书》纸质版一式5份及word文档电子版", "电子版和纸质版材料各一份", "申报书电子文档与纸质材料");

    @Test
    void paperAndElectronicCopiesSentTogether_areTheSubmission_itsKindByWhoReceivesIt() {
        for (String both : BOTH) {
            for (String date : List.of("5月20日", "2031年5月20日")) {
                String toApplicants = "请各申报单位于" + date + "前将" + both + "报送项目受理单位。";
                DeadlineReader.Reading r = read(toApplicants);
                assertTrue(r.window() != null && r.window().closes().equals(DateOrDateTime.ofDate(LocalDate.of(2031, 5, 20))),
                        toApplicants + " → " + r);
                assertTrue(r.deadlines().isEmpty(), toApplicants + " → " + r.deadlines());
                String toOffice = "请各单位于" + date + "前将" + both + "报送科研处。";
                DeadlineReader.Reading relay = read(toOffice);
                assertEquals(null, relay.window(), toOffice);
                assertEquals(DeadlineKind.RELAY, relay.deadlines().get(0).kind(), toOffice);
            }
        }
        // Paper alone, or paper after the online step, stays a paper step.
        for (String paper : List.of("请于5月20日前将纸质材料报送项目受理单位。", "网上提交后，请于5月20日前将纸质版寄送至受理单位，电子版无需报送。")) {
            DeadlineReader.Reading r = read("申报截止时间为2031年5月10日。" + paper);
            assertEquals(DeadlineKind.PAPER_COPY, r.deadlines().get(0).kind(), paper);
        }
    }
}
