package cutoff.notice;

import cutoff.util.Invisibles;

/**
 * A direction (方向) under a topic.
 *
 * @param key   the heading, e.g. {@code 方向一} or {@code 方向1}
 * @param title the direction's title, e.g. {@code 协同创新平台建设}
 */
public record Direction(String key, String title) {
    /** Invisible and control characters are left out, line breaks made spaces ({@link Invisibles#line}). */
    public Direction {
        key = Invisibles.line(key);
        title = Invisibles.line(title);
    }
}
