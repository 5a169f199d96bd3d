package cutoff.metrics;

import java.time.Duration;
import java.util.List;

/**
 * Cutoff's operational figures, as CloudWatch metrics (namespace {@value #NAMESPACE}). The seam between
 * the services and CloudWatch: {@link EmfMetrics} on Lambda, {@link #NONE} where nobody reads them.
 */
public interface Metrics {
    /** The CloudWatch namespace of every metric here; the template's alarms and dashboard name it too. */
    String NAMESPACE = "Cutoff";

    /**
     * What one dispatcher run did.
     *
     * @param remindersSent reminders in emails SES accepted
     * @param failed        reminders SES rejected (FAILED)
     * @param skipped       reminders found after their deadline (SKIPPED)
     * @param cancelled     reminders of subscribers gone (CANCELLED)
     * @param emails        emails SES accepted
     * @param throttles     times SES asked to slow down
     * @param backlog       due reminders left for the next run
     * @param lateness      for each reminder sent, from its {@code dueAt} to the send
     */
    record DispatchRun(int remindersSent, int failed, int skipped, int cancelled, int emails, int throttles, int backlog,
                       List<Duration> lateness) {
        public DispatchRun {
            lateness = List.copyOf(lateness);
        }
    }

    /** Records a dispatcher run. */
    void dispatchRun(DispatchRun run);

    /** Records a confirmation email SES accepted. */
    void confirmationSent();

    /** Records a subscription email not sent because the day's cap was reached (by default, nothing). */
    default void confirmationCapped() {
    }

    /** Records a subscription request refused (429) by its source's rate limit (by default, nothing). */
    default void subscriptionRateLimited() {
    }

    /** Records nothing: tests, the demo, the CLI. */
    Metrics NONE = new Metrics() {
        @Override
        public void dispatchRun(DispatchRun run) {
        }

        @Override
        public void confirmationSent() {
        }
    };
}
