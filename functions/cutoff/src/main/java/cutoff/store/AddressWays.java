package cutoff.store;

/**
 * An address's ways in (its own subscription, each office that registered it), as the office services add and
 * remove them: {@link AddressStore} in DynamoDB; an in-memory one in the services' fast tests.
 */
public interface AddressWays {
    void addWay(String email, String subscriberId);

    void removeWay(String email, String subscriberId);
}
