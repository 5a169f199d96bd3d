package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A topic's name as people read it in feeds, emails and pages ({@link Topic#displayName()}): heading and title, for
 * every mix of a missing, blank or given heading and title, never {@code null} and never the word "null".
 */
class TopicNameTest {
    private static Topic topic(String key, String title) {
        return new Topic("n-t1", key, null, title, List.of(), null, List.of(), List.of(), null, null, List.of());
    }

    @Test
    void everyMixOfHeadingAndTitle_isNamed_neverNull() {
        List<String> values = Arrays.asList(null, "", "  ", "专题二", "上海－以色列产业创新合作项目");
        for (String key : values) {
            for (String title : values) {
                String name = topic(key, title).displayName();
                String what = key + " / " + title;
                assertNotNull(name, what);
                assertFalse(name.isBlank() || name.contains("null"), what + " → " + name);
            }
        }
        assertEquals("专题二 上海－以色列产业创新合作项目", topic("专题二", "上海－以色列产业创新合作项目").displayName());
        assertEquals("上海－以色列产业创新合作项目", topic(null, "上海－以色列产业创新合作项目").displayName());
        assertEquals("专题二", topic("专题二", null).displayName());
        assertEquals(Topic.UNTITLED, topic(null, " ").displayName());
    }
}
