package cutoff.store;

import cutoff.notice.Notice;
import cutoff.notice.NoticeIds;
import cutoff.notice.Topic;
import cutoff.store.NoticeStore.StoredNotice;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The notices one request or run reads, each read once: notice id → its stored notice (and deadlines), read through
 * {@link NoticeStore#notice} (one {@code Query}) the first time it is asked for and answered from memory after, an
 * absent notice too. A lookup lives as long as one request, one upload or one staff-queue run, never longer: it is
 * not a cache across requests (that is {@link NoticeStore#cachingReads}). An id that is not a notice id
 * ({@link NoticeIds#wellFormed}) finds nothing and is neither read nor kept. Safe for concurrent use (the staff
 * queue's parallel sends share one).
 */
public final class NoticeLookup {
    private final Function<String, Optional<StoredNotice>> read;
    private final Map<String, Optional<StoredNotice>> seen = new ConcurrentHashMap<>();

    /** A lookup reading from the table. */
    public NoticeLookup(NoticeStore notices) {
        this(notices::notice);
    }

    /**
     * A lookup over any reader (a test's map, a fake store).
     *
     * @param read notice id → the stored notice; empty when there is none
     */
    public NoticeLookup(Function<String, Optional<StoredNotice>> read) {
        this.read = read;
    }

    /** The stored notice with this id, withdrawn deadlines included; empty when there is none. */
    public Optional<StoredNotice> stored(String noticeId) {
        if (!NoticeIds.wellFormed(noticeId)) {
            return Optional.empty();
        }
        return seen.computeIfAbsent(noticeId, read);
    }

    /** The notice with this id; empty when there is none. */
    public Optional<Notice> notice(String noticeId) {
        return stored(noticeId).map(StoredNotice::notice);
    }

    /** The stored notice a topic id belongs to ({@code 2023-4-82277d-t2} → {@code 2023-4-82277d}); empty for none. */
    public Optional<StoredNotice> storedOfTopic(String topicId) {
        return NoticeIds.noticeIdOf(topicId).flatMap(this::stored);
    }

    /** The topic with this id as its notice has it now; empty for an unknown topic or one a later ingest dropped. */
    public Optional<Topic> topic(String topicId) {
        return storedOfTopic(topicId).flatMap(s -> s.topic(topicId));
    }

    /**
     * True when a topic is withdrawn ({@link StoredNotice#withdrawn}: it has stored deadlines and every one is cancelled,
     * its notice withdrawn or the topic dropped by a later ingest); false for a live or unknown topic.
     */
    public boolean withdrawn(String topicId) {
        return storedOfTopic(topicId).filter(s -> s.withdrawn(topicId)).isPresent();
    }

    /** A topic's label ({@link Notice#topicLabel}: {@code 沪科指南〔2023〕4号 · 专题二 …}); empty for an unknown topic. */
    public Optional<String> topicLabel(String topicId) {
        return storedOfTopic(topicId).flatMap(s -> s.topic(topicId).map(t -> s.notice().topicLabel(t)));
    }
}
