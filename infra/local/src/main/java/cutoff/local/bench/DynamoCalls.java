package cutoff.local.bench;

import cutoff.store.Dynamo;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Counts a DynamoDB client's calls by operation (an SDK execution interceptor): the load-independent
 * figure of a benchmark, calls per email. The client is built as {@link Dynamo#client} builds it.
 */
final class DynamoCalls implements ExecutionInterceptor {
    private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Long> STARTED =
            new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("bench-started");
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    /** Nanoseconds from each call's start to its end (its answer or its failure), by operation: wall time on the caller. */
    private final Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();

    /** A client on a local endpoint whose calls this counts. */
    DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(this)).build();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicLong()).incrementAndGet();
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        timed(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        timed(attributes);
    }

    private void timed(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            nanos.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicLong())
                    .addAndGet(System.nanoTime() - started);
        }
    }

    /** "12.3 ms (UpdateItem 10.1, ...)": milliseconds of DynamoDB calls per email, start to answer, in all and by operation. */
    String millisPerEmail(int emails) {
        return byOperation(nanos, v -> v / 1e6 / Math.max(1, emails), "%.1f", " ms");
    }

    void reset() {
        calls.clear();
        nanos.clear();
    }

    /** "3.00 (UpdateItem 2.00, PutItem 1.00)": calls per email, in all and by operation. */
    String perEmail(int emails) {
        return byOperation(calls, v -> v / (double) Math.max(1, emails), "%.2f", "");
    }

    /** "{total}{unit} ({operation} {figure}, ...)": the sum and each operation's count, scaled, in {@code format}. */
    private static String byOperation(Map<String, AtomicLong> counts, java.util.function.LongToDoubleFunction scale, String format,
                                      String unit) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.get()));
        long all = sorted.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder by = new StringBuilder();
        sorted.forEach((k, v) -> by.append(by.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(format, scale.applyAsDouble(v))));
        return String.format(format + unit + " (%s)", scale.applyAsDouble(all), by);
    }
}
