package cutoff.chat;

import cutoff.util.Invisibles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One message to a group chat, before a service's body is written ({@link ChatBodies}): a title, lines of text, and
 * optionally a link. Every text is one line (no control or invisible characters, {@link Invisibles#line}), and the
 * constructor fits the whole within {@link #MAX_BYTES}: the title to {@link #MAX_TITLE} code points, then the lines, the
 * last one cut with an ellipsis, so no service refuses it for its size (WeCom's 4096-byte markdown content is the
 * smallest documented: {@link ChatService}).
 *
 * @param title    the first line, bold where the service has bold; never blank
 * @param lines    the message's lines
 * @param linkText the link's text; {@code null} with {@code link}
 * @param link     an http(s) URL this service built (a topic page, the office page); {@code null} for none
 */
public record ChatPost(String title, List<String> lines, String linkText, String link) {
    /** The most UTF-8 bytes of the title, lines and link together (markup included, with room to spare). */
    public static final int MAX_BYTES = 3_600;
    /** The longest title, in code points (DingTalk shows it in the notification). */
    public static final int MAX_TITLE = 80;
    private static final String ELLIPSIS = "…";

    public ChatPost {
        title = cut(clean(title), MAX_TITLE);
        if (title.isBlank()) {
            throw new IllegalArgumentException("a chat post needs a title");
        }
        if ((link == null) != (linkText == null)) {
            throw new IllegalArgumentException("a link needs its text, and text a link");
        }
        if (link != null && !(link.startsWith("https://") || link.startsWith("http://"))) {
            throw new IllegalArgumentException("a chat post's link is http(s)");
        }
        linkText = linkText == null ? null : cut(clean(linkText), MAX_TITLE);
        int budget = MAX_BYTES - bytes(title) - (link == null ? 0 : bytes(linkText) + bytes(link) + 8) - 16;
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String l = clean(line);
            int b = bytes(l) + 4;
            if (b <= budget) {
                kept.add(l);
                budget -= b;
            } else {
                String shorter = cutBytes(l, budget - 4 - bytes(ELLIPSIS));
                if (!shorter.isEmpty()) {
                    kept.add(shorter + ELLIPSIS);
                }
                break;
            }
        }
        lines = List.copyOf(kept);
    }

    /** A post without a link. */
    public static ChatPost of(String title, List<String> lines) {
        return new ChatPost(title, lines, null, null);
    }

    /** UTF-8 bytes as markdown sends them: a character {@link ChatBodies#text} makes full-width counts 3. */
    static int bytes(String s) {
        int n = s.getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < s.length(); i++) {
            if (ESCAPED.indexOf(s.charAt(i)) >= 0) {
                n += 2;
            }
        }
        return n;
    }

    /** The characters markdown shows full-width ({@link ChatBodies#text}). */
    static final String ESCAPED = "[]()<>*_`#~|";

    private static String clean(String s) {
        String line = Invisibles.line(s == null ? "" : s);
        return line.strip();
    }

    /** The first {@code most} code points of {@code s}, with an ellipsis when cut. */
    static String cut(String s, int most) {
        if (s.codePointCount(0, s.length()) <= most) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, most - 1)) + ELLIPSIS;
    }

    /** The longest prefix of {@code s} of at most {@code most} UTF-8 bytes, whole code points only. */
    static String cutBytes(String s, int most) {
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int b = cp < 0x80 ? (ESCAPED.indexOf(cp) >= 0 ? 3 : 1) : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + b > most) {
                break;
            }
            used += b;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
