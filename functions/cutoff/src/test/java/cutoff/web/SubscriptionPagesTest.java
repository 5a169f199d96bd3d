package cutoff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.Notice;
import cutoff.testing.Project;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The subscription page's topic list with a date-only cutoff: 科技部国际合作司 2013 中以, 截止时间为4月30日
 * (the shipped record {@code most-2013-israel.json}), open all that day in Beijing, shown as a date.
 */
class SubscriptionPagesTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> topic(Instant now, String language) {
        Map<String, Object> form = (Map<String, Object>) SubscriptionPages.subscribe(language, List.of(Project.shippedNotice("x-c8b0077121")), now, "/s", null)
                .get("subscribeForm");
        Map<String, Object> notice = ((List<Map<String, Object>>) form.get("notices")).get(0);
        return ((List<Map<String, Object>>) notice.get("topics")).get(0);
    }

    @Test
    void aDateOnlyCutoff_isOpenUntilItsDayEndsInBeijing_andShownAsADate() {
        // 23:59 on 30 April, Beijing time: still open.
        Map<String, Object> lastMinute = topic(Instant.parse("2013-04-30T15:59:00Z"), "en");
        assertEquals(false, lastMinute.get("closed"));
        assertEquals("closes 2013-04-30 (Beijing time; 通知未写具体时间 the notice states no time of day)", lastMinute.get("closes"));
        // 00:00 on 1 May, Beijing time: closed.
        Map<String, Object> after = topic(Instant.parse("2013-04-30T16:00:00Z"), "zh");
        assertEquals(true, after.get("closed"));
        assertTrue(((String) after.get("closes")).startsWith("已截止 closed 2013-04-30 (Beijing time;"), (String) after.get("closes"));
        assertFalse(((String) after.get("closes")).contains("00:00"), "a date, not a time");
    }
}
