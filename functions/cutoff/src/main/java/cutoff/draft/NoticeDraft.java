package cutoff.draft;

import cutoff.notice.Notice;
import cutoff.notice.NoticeReview;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A notice file read and kept for review, not yet published: it is in no feed, on no public page and in no email.
 *
 * @param id         the draft's id: 22 characters of base64url (128 random bits), unguessable; the only way to it
 * @param owner      who uploaded it, from their key, and alone may read it: a research office's id ({@code org_…}),
 *                   whose upload is a relay for its staff, or an editor's ({@code ed_…}), whose is public
 * @param uploadedAt when the upload was read (UTC instant)
 * @param format     the file's format as detected from its content ({@code PDF}, {@code DOCX}, {@code DOC},
 *                   {@code HTML}, {@code TEXT}: {@link cutoff.document.Format}), whatever its name or type said
 * @param fileBytes  the uploaded file's size in bytes
 * @param text       the notice text read from the file, as the reader cleaned it, lines separated by {@code \n}
 *                   ({@link cutoff.notice.NoticeParser#cleanedLines}): line N (1-based) is the line a date's evidence
 *                   names ({@link cutoff.notice.Source#line()}), where its sentence starts
 * @param notice     the reading: topics, windows, deadlines and foreign-side deadlines, each date with its evidence
 *                   and confidence
 * @param setByPerson what a person set in the reading, as JSON Pointers (RFC 6901) into {@code notice}
 *                    ({@code /topics/0/window/closes}, {@code /topics/0/window/confidence}), in order; empty when
 *                    the reading is the reader's alone
 */
public record NoticeDraft(String id, String owner, Instant uploadedAt, String format, long fileBytes, String text,
                          Notice notice, List<String> setByPerson) {
    public NoticeDraft {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(notice, "notice");
        setByPerson = List.copyOf(setByPerson);
    }

    /** The draft with a person's reading in place of the one it had, and what they set added to the record. */
    public NoticeDraft corrected(Notice reading, List<String> set) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(setByPerson);
        all.addAll(set);
        return new NoticeDraft(id, owner, uploadedAt, format, fileBytes, text, reading, List.copyOf(all));
    }

    /** True for an editor's upload (a public notice); false for a research office's (a relay for its staff only). */
    public boolean isPublic() {
        return owner.startsWith("ed_");
    }

    /** What the reader could not read: {@link Notice#missing()} (a topic without a cutoff, a year-less date…). */
    public List<String> missing() {
        return notice.missing();
    }

    /**
     * The readings a person must confirm before it can be published ({@link NoticeReview#pending}): dates read with
     * {@code confidence: review}, each with its reasons. Empty when the reader was sure of every date.
     */
    public List<String> review() {
        return NoticeReview.pending(notice);
    }
}
