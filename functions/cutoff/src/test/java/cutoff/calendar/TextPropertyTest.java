package cutoff.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyCodec;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import org.junit.jupiter.api.Test;

/**
 * {@link TextProperty} is written as ical4j 4.1.1 writes its own TEXT properties (RFC 5545 §3.3.11), for
 * generated text made of every character TEXT escapes or a feed may carry: backslash, semicolon, comma,
 * LF, CR LF, lone CR, tab, C0 and C1 controls, NEL, U+2028/2029, quotes, colon, Chinese and non-BMP text,
 * and escapes that are already there ({@code \n}, {@code \,}).
 */
class TextPropertyTest {

    @Test
    void escape_isIcal4jsPropertyCodec_forGeneratedText() throws Exception {
        Random random = new Random(3311);
        for (int i = 0; i < 20_000; i++) {
            String value = FeedWriterEquivalenceTest.text(random, 8);
            assertEquals(PropertyCodec.INSTANCE.encode(value), TextProperty.escape(value), value);
        }
    }

    @Test
    void contentLines_areIcal4jsSummaryDescriptionAndUid_forGeneratedText() {
        Random random = new Random(5545);
        for (int i = 0; i < 5_000; i++) {
            String value = FeedWriterEquivalenceTest.text(random, 12);
            assertEquals(new Summary(value).toString(), TextProperty.of(Property.SUMMARY, value).toString(), value);
            assertEquals(new Description(value).toString(), TextProperty.of(Property.DESCRIPTION, value).toString(), value);
            assertEquals(new Uid(value).toString(), TextProperty.of(Property.UID, value).toString(), value);
        }
    }

    @Test
    void eachSpecialCharacter_isEscapedAsTheRfcSays() {
        assertEquals("SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\rg:h\"i\uD83D\uDE00\u0007\r\n",
                TextProperty.of(Property.SUMMARY, "a\\b;c,d\ne\r\nf\rg:h\"i\uD83D\uDE00\u0007").toString());
        assertEquals("DESCRIPTION:\\\\n\\\\\\\\\\,\r\n", TextProperty.of(Property.DESCRIPTION, "\\n\\\\,").toString());
        assertEquals("UID:\r\n", TextProperty.of(Property.UID, null).toString());
    }

    @Test
    void plainText_isNotCopied() {
        String plain = "申报截止 Cutoff: 2026-06-03 17:00 (Asia/Shanghai)";
        assertSame(plain, TextProperty.escape(plain));
    }

    @Test
    void copy_keepsTheEscapedValue() throws Exception {
        TextProperty p = TextProperty.of(Property.SUMMARY, "a, b; c\nd");
        assertEquals(p.toString(), p.copy().toString());
        assertEquals(new Summary("a, b; c\nd").toString(), p.copy().toString());
    }
}
