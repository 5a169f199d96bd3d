package cutoff.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Metrics in CloudWatch embedded metric format (EMF), written to the function's log by the
 * aws-embedded-metrics library; CloudWatch turns each line into metrics, no API call needed
 * (CloudWatch User Guide, "Embedded metric format specification"). One dimension, {@code Service=cutoff}
 * (the library's default Lambda dimensions are replaced, so alarms name metrics exactly). Lateness is
 * written as a list of values, so CloudWatch gives its p50 and p99.
 */
public final class EmfMetrics implements Metrics {
    /** Every metric name written here (the template's alarms and dashboard use these). */
    public static final java.util.Set<String> NAMES = java.util.Set.of("RemindersSent", "RemindersFailed", "RemindersSkipped",
            "RemindersCancelled", "EmailsSent", "Throttles", "Backlog", "Lateness", "ConfirmationsSent",
            "ConfirmationsCapped", "SubscriptionsRateLimited");
    private final Supplier<Environment> environment;

    /** On Lambda: lines to standard output, which the runtime sends to CloudWatch Logs. */
    public EmfMetrics() {
        this(LambdaEnvironment::new);
    }

    /** With another environment (its sink receives each record): tests. */
    public EmfMetrics(Supplier<Environment> environment) {
        this.environment = environment;
    }

    private MetricsLogger logger() {
        MetricsLogger m = new MetricsLogger(environment.get());
        try {
            m.setNamespace(NAMESPACE);
        } catch (software.amazon.cloudwatchlogs.emf.exception.InvalidNamespaceException e) {
            throw new IllegalStateException(e);
        }
        m.setDimensions(false, dimensions());
        return m;
    }

    private static DimensionSet dimensions() {
        try {
            return DimensionSet.of("Service", "cutoff");
        } catch (software.amazon.cloudwatchlogs.emf.exception.InvalidDimensionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void dispatchRun(DispatchRun run) {
        MetricsLogger m = logger();
        put(m, "RemindersSent", run.remindersSent(), Unit.COUNT);
        put(m, "RemindersFailed", run.failed(), Unit.COUNT);
        put(m, "RemindersSkipped", run.skipped(), Unit.COUNT);
        put(m, "RemindersCancelled", run.cancelled(), Unit.COUNT);
        put(m, "EmailsSent", run.emails(), Unit.COUNT);
        put(m, "Throttles", run.throttles(), Unit.COUNT);
        put(m, "Backlog", run.backlog(), Unit.COUNT);
        for (Duration late : run.lateness()) {
            put(m, "Lateness", late.toMillis(), Unit.MILLISECONDS);
        }
        m.flush();
    }

    @Override
    public void confirmationSent() {
        one("ConfirmationsSent");
    }

    @Override
    public void confirmationCapped() {
        one("ConfirmationsCapped");
    }

    @Override
    public void subscriptionRateLimited() {
        one("SubscriptionsRateLimited");
    }

    private void one(String name) {
        MetricsLogger m = logger();
        put(m, name, 1, Unit.COUNT);
        m.flush();
    }

    private static void put(MetricsLogger m, String name, double value, Unit unit) {
        try {
            m.putMetric(name, value, unit);
        } catch (software.amazon.cloudwatchlogs.emf.exception.InvalidMetricException e) {
            throw new IllegalStateException("metric " + name + ": " + e.getMessage(), e);
        }
    }
}
