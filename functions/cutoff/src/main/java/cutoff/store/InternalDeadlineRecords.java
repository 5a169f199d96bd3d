package cutoff.store;

import cutoff.office.InternalDeadline;
import cutoff.store.InternalDeadlineStore.Settings;
import cutoff.store.InternalDeadlineStore.State;
import java.time.Instant;
import java.util.Optional;

/**
 * Research offices' internal-deadline settings, what their staff were told, feed secrets and staff subscribers'
 * offices, as the office services read and write them: {@link InternalDeadlineStore} in DynamoDB (the conditions
 * are said there); an in-memory one in the services' fast tests.
 */
public interface InternalDeadlineRecords {
    /** The office's rule, overrides and told states. */
    Settings settings(String officeId);

    /** Sets ({@code null}: removes) the office's rule. */
    void putRule(String officeId, InternalDeadline.Rule rule, Instant now);

    /** Sets a topic's explicit internal deadline. */
    void putOverride(String officeId, String topicId, Instant at, Instant now);

    /** Removes a topic's explicit internal deadline; false when it had none. */
    boolean deleteOverride(String officeId, String topicId);

    /** Records what the staff were told of a topic, if it is still {@code previous}; false when it changed. */
    boolean putState(String officeId, State state, State previous);

    /** The office that registered a staff subscriber; empty for an individual subscriber. */
    Optional<String> officeOfSubscriber(String subscriberId);

    /** The office's feed URL secret, made on first use; empty for no such office. */
    Optional<String> feedSecret(String officeId);

    /** A new feed URL secret; the old one is dead at once. */
    Optional<String> rotateFeedSecret(String officeId);

    /** The office of a feed secret. */
    Optional<String> officeOfFeedSecret(String secret);
}
