package cutoff.store;

/** Two ingests of the same notice raced; the later one wrote nothing and can simply be run again. */
public class ConcurrentIngestException extends RuntimeException {
    public ConcurrentIngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
