package cutoff.calendar;

import java.util.Arrays;

import net.fortuna.ical4j.model.Content;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyFactory;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * A property whose value is TEXT (RFC 5545 §3.3.11), such as UID, SUMMARY and DESCRIPTION, written by
 * ical4j's own {@link Property#toString()} like every other property of a feed, with its value escaped
 * here in one pass over the characters.
 *
 * <p>Why: ical4j 4.1.1 escapes the value of its TEXT property classes (those marked {@code Encodable})
 * with three regular expressions ({@code PropertyCodec}) each time the property is written, most of a
 * feed's render time; a property not marked {@code Encodable} is written as {@link #getValue()} returns
 * it. So this property's value ({@link #getValue()}, {@link #setValue}, its factory) is the escaped form,
 * as the content line carries it, and {@link #of} escapes a text the way {@code PropertyCodec} does:
 * {@code \} as {@code \\}, then a line break (LF or CR LF) as {@code \n}, then {@code ;} and {@code ,}
 * with a backslash. A lone CR is left as it is, as ical4j leaves it ({@link Text} removes it first).
 * {@code TextPropertyTest} checks the output against ical4j's own classes on generated text.
 */
final class TextProperty extends Property {
    private static final long serialVersionUID = 1L;
    private String value;

    private TextProperty(String name, ParameterList parameters, String escaped) {
        super(name, parameters);
        this.value = escaped;
    }

    /**
     * A TEXT property without parameters.
     *
     * @param name the property name, e.g. {@code SUMMARY}
     * @param text the value as a calendar app should show it (unescaped); {@code null} is the empty text
     */
    static TextProperty of(String name, String text) {
        return new TextProperty(name, new ParameterList(), escape(text == null ? "" : text));
    }

    /** The escaped value, as written after the colon. */
    @Override
    public String getValue() {
        return value;
    }

    /** @param escaped the value already escaped as TEXT (§3.3.11) */
    @Override
    public void setValue(String escaped) {
        this.value = escaped;
    }

    /** Nothing to check: any escaped TEXT is a valid value of the properties this class writes. */
    @Override
    public ValidationResult validate() {
        return ValidationResult.EMPTY;
    }

    @Override
    protected PropertyFactory<TextProperty> newFactory() {
        return new Factory(getName());
    }

    /**
     * A TEXT value escaped as RFC 5545 §3.3.11 asks and as ical4j 4.1.1's {@code PropertyCodec} writes it.
     * One scan to the first character to escape, then one pass over a {@code char[]} copy: a
     * {@code StringBuilder} would copy each Latin-1 run of a text that also holds Chinese one character
     * at a time.
     *
     * @param text the text to escape, not {@code null}
     * @return the escaped text (the same instance when nothing needs escaping)
     */
    static String escape(String text) {
        int n = text.length();
        int first = 0;
        while (first < n && !escaped(text.charAt(first), text, first)) {
            first++;
        }
        if (first == n) {
            return text;
        }
        char[] in = new char[n];
        text.getChars(0, n, in, 0);
        // A description has a line break or a comma every few dozen characters.
        char[] out = new char[n + n / 8 + 16];
        System.arraycopy(in, 0, out, 0, first);
        int o = first;
        for (int i = first; i < n; i++) {
            char c = in[i];
            if (o + 2 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            if (c > '\\') {
                out[o++] = c;
            } else if (c == '\\' || c == ';' || c == ',') {
                out[o++] = '\\';
                out[o++] = c;
            } else if (c == '\n') {
                out[o++] = '\\';
                out[o++] = 'n';
            } else if (c == '\r' && i + 1 < n && in[i + 1] == '\n') {
                out[o++] = '\\';
                out[o++] = 'n';
                i++;
            } else {
                out[o++] = c;
            }
        }
        return new String(out, 0, o);
    }

    /** True when the character at {@code i} is written escaped (CR only as the start of CR LF). */
    private static boolean escaped(char c, String text, int i) {
        return c <= '\\' && (c == '\\' || c == ';' || c == ',' || c == '\n'
                || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
    }

    /** Makes TEXT properties of one name from escaped values (what ical4j's {@code copy()} uses). */
    private static final class Factory extends Content.Factory implements PropertyFactory<TextProperty> {
        private static final long serialVersionUID = 1L;
        private final String name;

        Factory(String name) {
            super(name);
            this.name = name;
        }

        @Override
        public TextProperty createProperty() {
            return new TextProperty(name, new ParameterList(), "");
        }

        @Override
        public TextProperty createProperty(ParameterList parameters, String escaped) {
            return new TextProperty(name, parameters, escaped);
        }
    }
}
