package cutoff.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/** The log lines CloudWatch reads as metrics: EMF as the specification gives it, one dimension, lateness as values. */
class EmfMetricsTest {
    private final List<String> lines = new ArrayList<>();
    private final EmfMetrics metrics = new EmfMetrics(() -> new Environment() {
        @Override
        public boolean probe() {
            return true;
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public String getType() {
            return "test";
        }

        @Override
        public String getLogGroupName() {
            return "test";
        }

        @Override
        public void configureContext(MetricsContext context) {
        }

        @Override
        public ISink getSink() {
            return new ISink() {
                @Override
                public void accept(MetricsContext context) {
                    try {
                        lines.addAll(context.serialize());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public CompletableFuture<Void> shutdown() {
                    return CompletableFuture.completedFuture(null);
                }
            };
        }
    });

    @Test
    void aDispatcherRun_isOneEmfRecord_withEveryFigure_andLatenessAsValues() throws Exception {
        metrics.dispatchRun(new Metrics.DispatchRun(3, 1, 2, 0, 2, 4, 7,
                List.of(Duration.ofSeconds(12), Duration.ofMillis(1500), Duration.ofMinutes(11))));
        assertEquals(1, lines.size(), lines.toString());
        JsonNode record = new ObjectMapper().readTree(lines.get(0));
        JsonNode directive = record.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("Cutoff", directive.get("Namespace").asText());
        assertEquals("[[\"Service\"]]", directive.get("Dimensions").toString(), "one dimension, the library's defaults replaced");
        assertEquals("cutoff", record.get("Service").asText());
        assertTrue(record.get("_aws").get("Timestamp").asLong() > 0);
        Set<String> names = new TreeSet<>();
        directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
        assertEquals(Set.of("RemindersSent", "RemindersFailed", "RemindersSkipped", "RemindersCancelled", "EmailsSent", "Throttles",
                "Backlog", "Lateness"), names);
        assertEquals(3, record.get("RemindersSent").asInt());
        assertEquals(7, record.get("Backlog").asInt());
        assertEquals("[12000.0,1500.0,660000.0]", record.get("Lateness").toString(), "CloudWatch computes p50/p99 from the values");
    }

    @Test
    void aConfirmation_isCounted() throws Exception {
        metrics.confirmationSent();
        JsonNode record = new ObjectMapper().readTree(lines.get(0));
        assertEquals(1, record.get("ConfirmationsSent").asInt());
        assertEquals("Cutoff", record.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText());
    }
}
