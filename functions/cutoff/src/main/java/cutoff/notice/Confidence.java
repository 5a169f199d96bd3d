package cutoff.notice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How far a date read from a notice can be trusted: {@code "sure"} (published as read) or {@code "review"}
 * (a person confirms it first: {@code ingest} refuses it without {@code --accept-review}). A reviewed record
 * that does not say is {@code sure}: a person wrote it.
 */
public enum Confidence {
    SURE, REVIEW;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code "sure"} or {@code "review"}; {@code null} stays {@code null}. */
    @JsonCreator
    public static Confidence of(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "sure" -> SURE;
            case "review" -> REVIEW;
            default -> throw new IllegalArgumentException("confidence is \"sure\" or \"review\", not " + text);
        };
    }

    /**
     * The confidence a record states, or, where it states none, what its reasons imply: {@code review} when
     * there are any, else {@code sure} (a hand-written record). Shared by {@link Window}, {@link CallDeadline}
     * and {@link ForeignDeadline}.
     *
     * @param stated  the record's own confidence; {@code null} when it does not say
     * @param reasons the record's reasons, already copied; never {@code null}
     */
    public static Confidence orImplied(Confidence stated, java.util.List<String> reasons) {
        if (stated != null) {
            return stated;
        }
        return reasons.isEmpty() ? SURE : REVIEW;
    }
}
