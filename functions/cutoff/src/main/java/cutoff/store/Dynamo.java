package cutoff.store;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(blank(region) ? "us-east-1" : region));
        if (!blank(endpoint)) {
            builder.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
