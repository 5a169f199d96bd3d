package cutoff.upload;

import cutoff.document.DocumentException;
import cutoff.draft.NoticeDraft;
import cutoff.document.Format;
import cutoff.document.NoticeDocuments;
import cutoff.notice.NotANoticeException;
import cutoff.notice.Notice;
import cutoff.notice.NoticeParser;
import cutoff.deadline.IncompleteNoticeException;
import cutoff.ingest.Ingestion;
import cutoff.store.AuditStore;
import cutoff.store.DraftStore;
import cutoff.store.NoticeStore.StoredNotice;
import cutoff.store.SubscriberRecords;
import java.util.List;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Notice files uploaded by a research office, read into drafts and kept for review (issue 19's {@code POST
 * /notices} and {@code GET /notices/drafts/{draftId}}). The file is told apart by its content ({@link
 * NoticeDocuments#detect}), its text extracted, and the notice read from it as {@code ./cutoff ingest} reads
 * one; the draft is stored whole or not at all.
 */
public final class NoticeUploads {
    /** The largest file read: 10 MiB (issue 19: "≤ 10 MB"), checked before anything parses it. */
    public static final int MAX_FILE_BYTES = (int) cutoff.document.ReadLimits.NOTICE_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DraftStore store;
    private final AuditStore audit;
    private final Clock clock;
    private final Ingestion ingestion;
    private final java.util.function.Function<String, Optional<StoredNotice>> published;
    private final SubscriberRecords subscribers;
    private final Relays relays;

    /**
     * @param audit       where each upload, correction and publication is recorded, per notice
     * @param ingestion   what publishing runs: the path {@code ./cutoff ingest} takes
     * @param published   the notice with an id as published, if it is ({@code NoticeStore::notice})
     * @param subscribers who would be told of a revision's moves
     */
    public NoticeUploads(DraftStore store, AuditStore audit, Clock clock, Ingestion ingestion,
                         java.util.function.Function<String, Optional<StoredNotice>> published, SubscriberRecords subscribers) {
        this(store, audit, clock, ingestion, published, subscribers, null);
    }

    /**
     * @param relays what publishes a research office's relay to its staff ({@link #publishRelay}); {@code null}: relays
     *               are not published here ({@link NotPublished.Kind#RELAY})
     */
    public NoticeUploads(DraftStore store, AuditStore audit, Clock clock, Ingestion ingestion,
                         java.util.function.Function<String, Optional<StoredNotice>> published, SubscriberRecords subscribers,
                         Relays relays) {
        this.relays = relays;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.ingestion = ingestion;
        this.published = published;
        this.subscribers = subscribers;
    }

    /**
     * What publishing an editor's draft would change in the notice already published with its id ({@link Revision});
     * empty for a notice never published, an office's draft (a relay), or a reading with a topic without a cutoff.
     */
    public Optional<Revision> revision(NoticeDraft draft) {
        if (!draft.isPublic()) {
            return Optional.empty();
        }
        return Revision.of(draft.notice(), published.apply(draft.notice().id()), subscribers, clock.instant());
    }

    /**
     * The record of a draft's notice as its asker may see it, oldest first: an editor sees what editors did (the
     * notice is public), and the operator's withdrawal ({@code ./cutoff withdraw}, by {@code operator}); a research office
     * sees what it did itself, never another office's relay of the same call.
     */
    public List<AuditStore.Entry> record(String owner, NoticeDraft draft) {
        boolean editor = owner.startsWith("ed_");
        return audit.entries(draft.notice().id()).stream()
                .filter(e -> editor ? e.by().startsWith("ed_") || e.by().equals(cutoff.ingest.Withdrawal.OPERATOR) : e.by().equals(owner))
                // Oldest first by when it happened: two requests at once append in either order (stable: ties as appended).
                .sorted(java.util.Comparator.comparing(AuditStore.Entry::at)).toList();
    }

    /** Why a draft was not published; nothing was written. */
    public static final class NotPublished extends Exception {
        /** Why. */
        public enum Kind {
            /** Readings a person has not confirmed ({@link NoticeDraft#review()}): each line in {@link #lines()}. */
            UNDER_REVIEW,
            /** A topic without a cutoff, or another gap a deadline cannot have ({@link #lines()}). */
            INCOMPLETE,
            /**
             * A research office's draft given to {@link #publish} (a relay for its staff: {@link #publishRelay}), or an
             * editor's given to {@link #publishRelay}, or relays not published by this instance.
             */
            RELAY,
            /** Another publication or ingest of the same notice wrote first: nothing of this one was written. */
            CONCURRENT
        }

        private final Kind kind;
        private final List<String> lines;

        NotPublished(Kind kind, String message, List<String> lines) {
            super(message);
            this.kind = kind;
            this.lines = List.copyOf(lines);
        }

        public Kind kind() {
            return kind;
        }

        /** One line per reason (a reading under review, a topic without a cutoff). */
        public List<String> lines() {
            return lines;
        }
    }

    /**
     * The largest reading a draft takes or publishes: 200 KB of JSON (UTF-8). A notice's reading is a few KB; the
     * notice's stored item holds it, and a DynamoDB item holds at most 400 KB.
     */
    public static final int MAX_READING_BYTES = 200 * 1000;

    /** Why a corrected reading was not taken; the draft is as it was. */
    public static final class BadReading extends Exception {
        /** Why. */
        public enum Kind {
            /** Not a notice's JSON: malformed, or a field a notice does not have (with Jackson's line and column). */
            MALFORMED,
            /** Another notice's reading: its id is not the draft's. */
            OTHER_NOTICE,
            /** The topics are not the reader's (ids added, removed, renamed, repeated or missing). */
            TOPICS_CHANGED,
            /** Larger than a notice's reading may be ({@link #MAX_READING_BYTES}), or than the draft's item keeps. */
            TOO_LARGE
        }

        private final Kind kind;

        BadReading(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * Takes a person's corrected reading of a draft (issue 19's {@code PUT /notices/drafts/{draftId}}): the whole
     * {@code notice} as the draft shows it, with what they changed. What differs from the reading before is recorded
     * as set by a person ({@link NoticeDraft#setByPerson()}); a date whose {@code confidence} they set to {@code sure}
     * is confirmed. Nothing is published.
     *
     * @param json the corrected notice, UTF-8 JSON
     * @return the draft as corrected; empty when there is no such draft of theirs (or it expired)
     * @throws BadReading not a notice's JSON, or another notice's (its id differs)
     */
    public Optional<NoticeDraft> correct(String owner, String draftId, byte[] json) throws BadReading {
        Optional<NoticeDraft> found = draft(owner, draftId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        NoticeDraft draft = found.get();
        Notice corrected = ReadingJson.read(json);
        int size = readingBytes(corrected);
        if (size > MAX_READING_BYTES) {
            throw new BadReading(BadReading.Kind.TOO_LARGE, "a reading of " + size + " bytes, over the " + MAX_READING_BYTES
                    + " a notice's reading may take (a notice's is a few KB)");
        }
        List<String> topics = corrected.topics() == null ? List.of()
                : corrected.topics().stream().map(t -> t == null ? null : t.id()).toList();
        List<String> readers = draft.notice().topics().stream().map(cutoff.notice.Topic::id).toList();
        if (!topics.equals(readers)) {
            throw new BadReading(BadReading.Kind.TOPICS_CHANGED, "a correction keeps the reader's topics, in order ("
                    + String.join(", ", readers) + "), and corrects what they say: to add, remove or rename a topic,"
                    + " upload the corrected notice as a new draft");
        }
        if (!draft.notice().id().equals(corrected.id())) {
            throw new BadReading(BadReading.Kind.OTHER_NOTICE, "the reading is of notice " + corrected.id() + ", the draft"
                    + " of " + draft.notice().id() + ": the id comes from the document (number, issuer, date); upload"
                    + " the other notice as a draft of its own");
        }
        var mapper = cutoff.notice.NoticeJson.mapper();
        List<String> set = ReadingChanges.between(mapper.valueToTree(draft.notice()), mapper.valueToTree(corrected));
        NoticeDraft updated = draft.corrected(corrected, set);
        java.time.Instant now = clock.instant();
        try {
            if (!store.replaceReading(updated, now)) {
                return Optional.empty();
            }
        } catch (DraftStore.TooLargeException e) {
            throw new BadReading(BadReading.Kind.TOO_LARGE, e.getMessage());
        }
        audit.append(draft.notice().id(), new AuditStore.Entry(now, "corrected", owner, draftId,
                set.isEmpty() ? "nothing changed" : String.join(" ", set)));
        return Optional.of(updated);
    }

    /** A reading's size as JSON, in UTF-8 bytes: what {@link #MAX_READING_BYTES} bounds. */
    private static int readingBytes(Notice notice) {
        return cutoff.notice.NoticeJson.write(notice).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * Publishes an editor's draft as a public notice, exactly as {@code ./cutoff ingest} would: its deadlines stored
     * (SEQUENCE moved for a notice published before), the feeds, follow rules, reminders and change emails after it.
     *
     * @param owner the asking editor's (or office's) id
     * @return what the ingest did; empty when there is no such draft of theirs
     * @throws NotPublished readings under review, a topic without a cutoff, or an office's draft (a relay)
     */
    public Optional<Ingestion.Outcome> publish(String owner, String draftId) throws NotPublished {
        Optional<NoticeDraft> found = draft(owner, draftId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        NoticeDraft draft = found.get();
        if (!draft.isPublic()) {
            throw new NotPublished(NotPublished.Kind.RELAY, "a research office's draft is a relay for its staff: it is"
                    + " published to them (publishRelay), never as a public notice", List.of());
        }
        checkPublishable(draft);
        Notice notice = draft.notice();
        Ingestion.Outcome outcome;
        try {
            outcome = ingestion.ingest(notice);
        } catch (IncompleteNoticeException e) {
            throw new NotPublished(NotPublished.Kind.INCOMPLETE, "a topic has no cutoff: set its window's \"closes\" in the"
                    + " reading (PUT) and publish again", e.problems());
        } catch (cutoff.store.ConcurrentIngestException e) {
            throw new NotPublished(NotPublished.Kind.CONCURRENT, "the notice was being published by another request at"
                    + " the same moment, which went first; nothing of this one was written: look at the draft's revision,"
                    + " then publish again if it is still wanted", List.of());
        } catch (cutoff.store.ItemTooLargeException e) {
            throw new NotPublished(NotPublished.Kind.INCOMPLETE, "the reading is too large to store: " + e.getMessage(), List.of());
        }
        java.time.Instant now = clock.instant();
        store.markPublished(draftId, draft.notice().id(), now);
        audit.append(draft.notice().id(), new AuditStore.Entry(now, "published", owner, draftId, outcome.result().summary()));
        return Optional.of(outcome);
    }

    /**
     * Publishes a research office's draft, a relay, to its staff only ({@link Relays}): the office's own date per topic as
     * its internal deadline, the topics in its active staff's feeds and reminders and in the office feed; attached to
     * the public call when there is one, else stored for that office alone. Recorded as "published" by the office.
     *
     * @param owner the asking office's id
     * @return what was published; empty when there is no such draft of theirs
     * @throws NotPublished readings under review (409), a topic without a cutoff or without the office's date, a date not
     *                      before the cutoff or past, a topic the public call lacks (422), a concurrent publication (409);
     *                      an editor's draft, or no relays here ({@link NotPublished.Kind#RELAY})
     */
    public Optional<Relays.Published> publishRelay(String owner, String draftId) throws NotPublished {
        Optional<NoticeDraft> found = draft(owner, draftId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        NoticeDraft draft = found.get();
        if (draft.isPublic() || relays == null) {
            throw new NotPublished(NotPublished.Kind.RELAY, draft.isPublic() ? "an editor's draft is a public notice, not a relay"
                    : "relays are not published by this service", List.of());
        }
        checkPublishable(draft);
        Relays.Published published = relays.publish(owner, draft.notice());
        java.time.Instant now = clock.instant();
        store.markPublished(draftId, published.noticeId(), now);
        String summary = published.result() != null ? published.result().summary()
                : "attached to public notice " + published.attachedTo();
        audit.append(draft.notice().id(), new AuditStore.Entry(now, "published", owner, draftId, "relay to the office's "
                + published.staff() + " staff: " + summary + "; internal deadlines " + published.internalDeadlines().stream()
                .map(d -> d.topicId() + " " + cutoff.office.InternalDeadline.iso(d.at()) + " (" + d.source() + ")").toList()));
        return Optional.of(published);
    }

    /** What every publication needs of a draft: nothing under review, an id that tells it apart, a reading that fits. */
    private static void checkPublishable(NoticeDraft draft) throws NotPublished {
        List<String> review = draft.review();
        if (!review.isEmpty()) {
            throw new NotPublished(NotPublished.Kind.UNDER_REVIEW, review.size() + " reading(s) of the draft wait for a"
                    + " person to confirm them (PUT the corrected reading, each such date with \"confidence\": \"sure\"):"
                    + " nothing unsure is published", review);
        }
        Notice notice = draft.notice();
        if (notice.documentNumber() == null && notice.title() == null) {
            throw new NotPublished(NotPublished.Kind.INCOMPLETE, "the reading has neither a document number nor a title,"
                    + " so its id (" + notice.id() + ") would not tell it from other such notices: upload the notice with"
                    + " its title", List.of());
        }
        if (readingBytes(notice) > MAX_READING_BYTES) {
            throw new NotPublished(NotPublished.Kind.INCOMPLETE, "the reading is over " + MAX_READING_BYTES + " bytes: more"
                    + " than a notice's stored item holds", List.of());
        }
    }

    /**
     * Reads an uploaded file into a draft of the uploader's, and stores it.
     *
     * @param owner    the uploading office's id ({@code org_…}) or editor's ({@code ed_…}), from their key
     * @param file     the whole file, as uploaded
     * @param year     the year for dates the notice writes without one when it has no signature date; {@code null}
     *                 for none (such dates then go to {@code missing})
     * @return the stored draft
     * @throws UploadRefused why no draft was made (too large, a format not read, unreadable, no notice); nothing
     *                       was stored
     */
    public NoticeDraft upload(String owner, byte[] file, Integer year) throws UploadRefused {
        return upload(owner, file, year, newId());
    }

    /**
     * As {@link #upload(String, byte[], Integer)}, the draft's id given: a file uploaded straight to S3 makes the draft
     * whose id is its upload id ({@link DirectUploads#take}), so an upload makes one draft however often it is taken
     * (at once, or PUT again through its still-valid URL after being taken).
     *
     * @param draftId 22 base64url characters (the upload's 128 random bits)
     * @return empty when a draft of that id is there already (the upload was taken); nothing was stored
     */
    public Optional<NoticeDraft> uploadOnce(String owner, String draftId, byte[] file, Integer year) throws UploadRefused {
        try {
            return Optional.of(upload(owner, file, year, draftId));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException taken) {
            return Optional.empty();
        }
    }

    private NoticeDraft upload(String owner, byte[] file, Integer year, String draftId) throws UploadRefused {
        if (file.length > MAX_FILE_BYTES) {
            throw tooLarge(file.length);
        }
        if (file.length == 0) {
            throw new UploadRefused(UploadRefused.Kind.NOT_A_NOTICE, "an empty body: send the notice file itself", null);
        }
        Format format;
        try {
            format = NoticeDocuments.detect(file);
        } catch (DocumentException e) {
            throw new UploadRefused(refusal(e), e.getMessage(), e);
        }
        if (format == Format.JSON) {
            throw new UploadRefused(UploadRefused.Kind.UNSUPPORTED_FORMAT, "a notice record (JSON), which is the command"
                    + " line's reviewed form: upload the notice itself (PDF, DOCX, DOC, HTML or text)", null);
        }
        byte[] text;
        java.time.Instant started = java.time.Instant.now();
        try {
            text = NoticeDocuments.text(format, file);
        } catch (DocumentException e) {
            throw new UploadRefused(refusal(e), e.getMessage(), e);
        }
        Notice notice;
        java.util.List<String> lines;
        try {
            // One reading time for the file, its extraction and the notice's reading together: within the gateway's 29 s.
            java.time.Duration left = cutoff.document.ReadLimits.NOTICE_TIME.minus(
                    java.time.Duration.between(started, java.time.Instant.now()));
            notice = new NoticeParser().parse(text, year,
                    left.isNegative() || left.isZero() ? java.time.Duration.ofMillis(1) : left, Clock.systemUTC());
            lines = NoticeParser.cleanedLines(text);
        } catch (NotANoticeException e) {
            throw new UploadRefused(UploadRefused.Kind.NOT_A_NOTICE, "no notice in this " + format.name() + " file: "
                    + e.getMessage(), e);
        } catch (NoticeParser.TooLongToReadException e) {
            throw new UploadRefused(UploadRefused.Kind.TOO_LARGE, e.getMessage(), e);
        }
        if (readingBytes(notice) > MAX_READING_BYTES) {
            throw new UploadRefused(UploadRefused.Kind.TOO_LARGE, "a notice whose reading takes over " + MAX_READING_BYTES
                    + " bytes: upload the notice without its attachments", null);
        }
        NoticeDraft draft = new NoticeDraft(draftId, owner, clock.instant(), format.name(), file.length,
                String.join("\n", lines), notice, List.of());
        try {
            store.put(draft);
        } catch (DraftStore.TooLargeException e) {
            throw new UploadRefused(UploadRefused.Kind.TOO_LARGE, e.getMessage(), e);
        }
        audit.append(notice.id(), new AuditStore.Entry(draft.uploadedAt(), "uploaded", owner, draft.id(),
                format.name() + ", " + file.length + " bytes; " + draft.review().size() + " reading(s) to review"));
        return draft;
    }

    /** The refusal of a file of {@code bytes} bytes, over {@link #MAX_FILE_BYTES}: the same words however it came in. */
    public static UploadRefused tooLarge(long bytes) {
        return tooLarge(Long.toString(bytes));
    }

    /** As above, for a size as declared ({@code POST /notices/uploads}: a whole number of any length, digits only). */
    public static UploadRefused tooLarge(String bytes) {
        return new UploadRefused(UploadRefused.Kind.TOO_LARGE, "a file of " + bytes + " bytes, over the "
                + MAX_FILE_BYTES / (1024 * 1024) + " MiB (" + MAX_FILE_BYTES + " bytes) limit for a notice: upload the"
                + " notice without its attachments", null);
    }

    /**
     * The uploader's draft.
     *
     * @param owner the asking office's or editor's id
     * @return empty when there is none by that id, or it is someone else's (the two are not told apart)
     */
    public Optional<NoticeDraft> draft(String owner, String draftId) {
        if (!DraftStore.isDraftId(draftId)) {
            return Optional.empty();
        }
        return store.get(draftId).filter(d -> d.owner().equals(owner));
    }

    /** The upload's refusal for a document's ({@link DocumentException.Reason}: the reader's limits and formats). */
    private static UploadRefused.Kind refusal(DocumentException e) {
        return switch (e.reason()) {
            case TOO_LARGE -> UploadRefused.Kind.TOO_LARGE;
            case UNSUPPORTED_FORMAT -> UploadRefused.Kind.UNSUPPORTED_FORMAT;
            case UNREADABLE, NO_TEXT -> UploadRefused.Kind.UNREADABLE;
        };
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
