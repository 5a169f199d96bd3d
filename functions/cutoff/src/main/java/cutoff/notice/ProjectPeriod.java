package cutoff.notice;

import cutoff.util.Invisibles;
import java.time.LocalDate;

/**
 * A project period (执行期限 / 攻关时限).
 *
 * @param from      first day, or {@code null} when only a duration is written
 * @param to        last day, or {@code null} when only a duration is written
 * @param asWritten the phrase as written, e.g. {@code 2023年9月1日至2026年8月31日} or {@code 3年内}
 */
public record ProjectPeriod(LocalDate from, LocalDate to, String asWritten) {
    /** Invisible and control characters are left out, line breaks made spaces ({@link Invisibles#line}). */
    public ProjectPeriod {
        asWritten = Invisibles.line(asWritten);
    }
}
