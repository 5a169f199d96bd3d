package cutoff.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB client: URLConnection HTTP client (small cold start), the region, and, for
 * DynamoDB Local, an endpoint with dummy credentials (both from {@code cutoff.app.Config}). On Lambda
 * the endpoint is empty and the function's role supplies credentials.
 */
public final class Dynamo {
    /** The SDK's own defaults for every HTTP client (2 s to connect, 30 s between reads). */
    private static final int CONNECT_TIMEOUT_MS = millis(SdkHttpConfigurationOption.CONNECTION_TIMEOUT);
    private static final int READ_TIMEOUT_MS = millis(SdkHttpConfigurationOption.READ_TIMEOUT);

    private Dynamo() {
    }

    /**
     * A client for the given region and endpoint.
     *
     * @param region   e.g. {@code ap-east-1}; {@code null} or blank for {@code us-east-1}
     * @param endpoint {@code null} or blank for AWS; a URL for DynamoDB Local (then with dummy credentials)
     */
    public static DynamoDbClient client(String region, String endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(httpClient())
                .region(Region.of(blank(region) ? "us-east-1" : region));
        if (!blank(endpoint)) {
            builder.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }

    /**
     * The SDK's URLConnection client with the SDK's connect and read timeouts, whose https connections use
     * the JDK's default TLS set-up ({@code SSLContext.getDefault()}: the JDK's trust store, host names
     * checked). {@code UrlConnectionHttpClient.create()} builds an {@code SSLContext} of its own, from the
     * same trust store, while the client is built; here the JDK builds it at the first https connection
     * instead (on Lambda, the first DynamoDB call, or SnapStart's priming before the snapshot), and never
     * for DynamoDB Local's http endpoint. No proxy settings are read: the functions have none.
     */
    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.create(Dynamo::connection);
    }

    static HttpURLConnection connection(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int millis(SdkHttpConfigurationOption<Duration> option) {
        return Math.toIntExact(SdkHttpConfigurationOption.GLOBAL_HTTP_DEFAULTS.get(option).toMillis());
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
