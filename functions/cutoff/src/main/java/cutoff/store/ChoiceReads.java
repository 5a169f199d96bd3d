package cutoff.store;

import cutoff.subscriber.OwnChoices;
import java.util.Collection;
import java.util.Map;

/**
 * What staff chose on their own preferences page, as the office services read it: {@link ChoiceStore} in DynamoDB;
 * an in-memory one in the services' fast tests.
 */
public interface ChoiceReads {
    /** The own choices of those of {@code subscriberIds} who made any, by id. */
    Map<String, OwnChoices> of(Collection<String> subscriberIds);
}
