package cutoff.subscription;

import cutoff.metrics.Metrics;
import cutoff.store.AbuseStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.logging.Logger;

/**
 * The whole service's cap on emails a subscription request sends (confirmations, and manage links to
 * confirmed addresses asking again): {@link cutoff.app.Config#confirmationsPerDay()} per <b>UTC</b> day, the day
 * the table's other day keys, SES's sending statistics and CloudWatch use. They share the SES quota and
 * reputation with reminders, which this keeps safe from anyone who can post a form. Past the cap,
 * nothing is sent and {@code ConfirmationsCapped} is recorded (an alarm watches it); the request is
 * answered as usual, so the cap tells nobody anything.
 */
public final class DailyCap {
    private static final Logger LOG = Logger.getLogger(DailyCap.class.getName());
    private final AbuseStore store;
    private final Clock clock;
    private final int perDay;
    private final Metrics metrics;

    public DailyCap(AbuseStore store, Clock clock, int perDay, Metrics metrics) {
        this.store = store;
        this.clock = clock;
        this.perDay = perDay;
        this.metrics = metrics;
    }

    /** Counts one email against today's cap (one atomic {@code UpdateItem}); false, with the metric, when it is reached. */
    public boolean mayEmail() {
        if (store.countEmail(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), perDay)) {
            return true;
        }
        LOG.warning("subscription email not sent: today's cap of " + perDay + " (UTC day) is reached");
        metrics.confirmationCapped();
        return false;
    }
}
