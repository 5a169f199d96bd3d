package cutoff.document;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.text.Transliterator;
import cutoff.notice.Notice;
import cutoff.notice.NoticeParser;
import cutoff.testing.Guidelines;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A notice copied in traditional script (as mirror sites convert mainland pages, sometimes with pinyin
 * glosses after characters) gives the same deadlines as the original.
 */
class TraditionalScriptTest {
    private static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Simplified-Traditional");

    @Test
    void everyNotice_inTraditionalScript_givesTheSameDeadlines() throws Exception {
        for (String file : List.of(Guidelines.STCSM_2023_4, Guidelines.MOST_2013_ISRAEL, Guidelines.GUANGDONG_2013_RELAY,
                Guidelines.JIANGSU_2023_119, Guidelines.NSFC_2017)) {
            String simplified = new String(Guidelines.bytes(file), StandardCharsets.UTF_8);
            byte[] traditional = TO_TRADITIONAL.transliterate(simplified).getBytes(StandardCharsets.UTF_8);
            Notice original = new NoticeParser().parse(simplified.getBytes(StandardCharsets.UTF_8), null);
            Notice copied = new NoticeParser().parse(NoticeDocuments.text(Format.TEXT, traditional), null);
            assertEquals(original.topics().stream().map(t -> t.window()).toList(),
                    copied.topics().stream().map(t -> t.window()).toList(), file);
            assertEquals(original.topics().stream().map(t -> t.deadlines()).toList(),
                    copied.topics().stream().map(t -> t.deadlines()).toList(), file);
            assertEquals(original.signedOn(), copied.signedOn(), file);
        }
    }

    @Test
    void pinyinGlosses_areNotTheNoticesText() throws Exception {
        String glossed = "關(guān)於組織申報(bào)項目的通知\n各有關(guān)單位:\n申報(bào)截止時(shí)間為2023年10月13日17:00。\n";
        Notice n = new NoticeParser().parse(NoticeDocuments.text(Format.TEXT, glossed.getBytes(StandardCharsets.UTF_8)), null);
        assertEquals("关于组织申报项目的通知", n.title());
        assertEquals("2023-10-13T17:00:00+08:00", n.topics().get(0).window().closes().toString());
    }

    @Test
    void simplifiedText_isLeftByteForByte() throws Exception {
        byte[] text = Guidelines.bytes(Guidelines.STCSM_2026_8);
        assertArrayEquals(text, NoticeDocuments.text(Format.TEXT, text));
    }
}
