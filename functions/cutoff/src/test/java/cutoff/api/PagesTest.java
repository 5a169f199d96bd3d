package cutoff.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pages' message bundles: the same keys in zh and en, no key shown raw, text escaped. */
class PagesTest {
    @Test
    void bothLanguages_haveTheSameMessages() {
        assertEquals(Pages.messages("zh").keySet(), Pages.messages("en").keySet());
        assertFalse(Pages.messages("en").values().stream().anyMatch(v -> v.codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF)),
                "the English bundle has no Chinese");
    }

    @Test
    void aPage_showsItsTitleInItsLanguage_andEscapesWhatItQuotes() {
        String en = Pages.page(400, Pages.view("en", "invalid_title", List.of(Pages.text("en", "invalid_field", "email",
                "<script>alert(1)</script>")))).getBody();
        assertTrue(en.contains("<html lang=\"en\">"), en);
        assertTrue(en.contains("<h1>Please check the form</h1>"), en);
        assertTrue(en.contains("&lt;script&gt;"), en);
        assertFalse(en.contains("<script>"), en);
        String zh = Pages.expired("zh").getBody();
        assertTrue(zh.contains("<html lang=\"zh-CN\">") && zh.contains("链接无效或已过期"), zh);
        assertFalse(zh.contains("{{") || zh.contains("msg."), zh);
    }
}
