package cutoff.office;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The internal deadline's SUMMARY names the office in either language. */
class InternalDeadlineSummaryTest {
    @Test
    void theSummary_namesTheOffice_inChineseAndEnglish() {
        assertEquals("【某某大学科研处内部截止】专题一 人工智能", InternalDeadline.summary("zh", "某某大学科研处", "专题一 人工智能"));
        assertEquals("【Example University Research Office 内部截止】专题一",
                InternalDeadline.summary("zh", "Example University Research Office", "专题一"));
        assertEquals("【SJTU 2 内部截止】专题一", InternalDeadline.summary("zh", "SJTU 2", "专题一"));
        assertEquals("【科研处（本部）内部截止】专题一", InternalDeadline.summary("zh", "科研处（本部）", "专题一"));
        assertEquals("Internal deadline (某某大学科研处): 专题一", InternalDeadline.summary("en", "某某大学科研处", "专题一"));
    }
}
