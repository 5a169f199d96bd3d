package cutoff.subscription;

/** A subscription request that cannot be taken, with the field to fix ({@code email}, {@code topics}, {@code notices}, {@code follow}, {@code language}, {@code leadTimes}). */
public final class InvalidRequestException extends Exception {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
