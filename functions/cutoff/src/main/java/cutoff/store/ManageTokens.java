package cutoff.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Manage-link tokens, as the staff queue issues them for welcome emails: {@link TokenStore} in DynamoDB; an
 * in-memory one in the fast tests.
 */
public interface ManageTokens {
    /** A new manage token for a subscriber, in clear, valid for {@code lifetime}. */
    String issueManageToken(String subscriberId, Instant now, Duration lifetime);

    /** As {@link #issueManageToken} for several subscribers at once, by subscriber id. */
    Map<String, String> issueManageTokens(Collection<String> subscriberIds, Instant now, Duration lifetime);
}
