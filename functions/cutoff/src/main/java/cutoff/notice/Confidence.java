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
}
