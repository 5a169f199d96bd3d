package cutoff.calendar;

import cutoff.notice.Notice;
import cutoff.notice.Topic;

/** The names calendar apps show for Cutoff's feeds (X-WR-CALNAME / NAME). */
public final class FeedNames {
    /** The feed of every call Cutoff knows. */
    public static final String ALL = "Cutoff · 全部申报截止 All funding-call deadlines";
    /** A subscriber's personal feed. */
    public static final String PERSONAL = "Cutoff · 我的申报截止 My funding-call deadlines";

    private FeedNames() {
    }

    /** A notice's feed: its document number, or its title when it has none. */
    public static String notice(Notice notice) {
        return "Cutoff · " + (notice.documentNumber() != null ? notice.documentNumber() : notice.title());
    }

    /** A topic's feed: the notice's number and the topic's heading and title. */
    public static String topic(Notice notice, Topic topic) {
        return "Cutoff · " + notice.topicLabel(topic);
    }
}
