package cutoff.notice;

import cutoff.util.Invisibles;

import java.util.List;

/**
 * One topic (专题) of a notice: what is funded, its application window and its foreign-side deadlines.
 *
 * @param id               stable, URL-safe identity, {@code <noticeId>-t<n>} for 专题n, or
 *                         {@code <noticeId>-p<m>-t<n>} for topic (n) of programme (专项) m
 * @param key              the heading as written and normalised: {@code 专题一}, {@code （一）}; for a
 *                         notice without topic headings, {@code null}
 * @param programme        the programme (专项名称) the topic belongs to, when the notice has programmes
 * @param title            the topic's title
 * @param directions       directions (方向) under the topic; empty when none
 * @param window           the application window in Beijing time; {@code null} when neither the topic
 *                         nor the notice states one
 * @param foreignDeadlines deadlines of the foreign partner agencies for this topic; empty when none
 * @param deadlines        the call's other deadlines for this topic (recommendation, paper copies, the
 *                         stages of a staged call, a relaying office's own date), in the order written;
 *                         empty when none
 * @param fundingCapWan    funding cap per project in 万元 (10,000 CNY), from 经费额度 or 补助经费; the
 *                         upper bound of a range; {@code null} when not stated
 * @param projectPeriod    project period (执行期限); {@code null} when not stated
 * @param fields           supported fields (支持领域) as listed; empty when none
 */
public record Topic(
        String id,
        String key,
        String programme,
        String title,
        List<Direction> directions,
        Window window,
        List<ForeignDeadline> foreignDeadlines,
        List<CallDeadline> deadlines,
        Integer fundingCapWan,
        ProjectPeriod projectPeriod,
        List<String> fields) {

    /** Invisible and control characters are left out of every text, line breaks made spaces ({@link cutoff.util.Invisibles#line}), stored ones too. */
    public Topic {
        key = Invisibles.line(key);
        programme = Invisibles.line(programme);
        title = Invisibles.line(title);
        directions = directions == null ? List.of() : List.copyOf(directions);
        foreignDeadlines = foreignDeadlines == null ? List.of() : List.copyOf(foreignDeadlines);
        deadlines = deadlines == null ? List.of() : List.copyOf(deadlines);
        fields = fields == null ? List.of() : fields.stream().map(Invisibles::strip).toList();
    }

    public Topic withWindow(Window newWindow) {
        return new Topic(id, key, programme, title, directions, newWindow, foreignDeadlines, deadlines,
                fundingCapWan, projectPeriod, fields);
    }

    /** The same topic with other further deadlines (a re-reading that moved or dropped one). */
    public Topic withDeadlines(List<CallDeadline> newDeadlines) {
        return new Topic(id, key, programme, title, directions, window, foreignDeadlines, newDeadlines,
                fundingCapWan, projectPeriod, fields);
    }

    /**
     * True when the topic's cutoff is at or before {@code now} (UTC); a date-only cutoff has passed when
     * its day has ended in the window's zone. A topic without a window is not closed.
     */
    public boolean closedBy(java.time.Instant now) {
        return window != null && !window.closes().passedBy(window.zone()).isAfter(now);
    }

    /** Key and title as a person would name the topic, e.g. {@code 专题二 上海－以色列产业创新合作项目}. */
    public String displayName() {
        boolean titled = title != null && !title.isBlank();
        boolean keyed = key != null && !key.isBlank();
        if (titled) {
            return keyed ? key + " " + title : title;
        }
        // A topic a reading left without a title (a notice with neither title nor topic headings, a reviewer's
        // correction): named by its heading, else as untitled, never "null" in a feed, an email or a page.
        return keyed ? key : UNTITLED;
    }

    /** The name of a topic without a title or heading ({@link #displayName()}). */
    public static final String UNTITLED = "未命名专题 Untitled topic";
}
