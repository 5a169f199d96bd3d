package cutoff.store;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB client: URLConnection HTTP client (small cold start), region from
 * {@code AWS_REGION}, and, for DynamoDB Local, an endpoint from {@code DYNAMODB_ENDPOINT} with dummy
 * credentials. On Lambda the endpoint is empty and the function's role supplies credentials.
 */
public final class Dynamo {
    /** Environment variable naming the table; set by {@code template.yaml} with {@code !Ref CutoffTable}. */
    public static final String TABLE_ENV = "CUTOFF_TABLE";
    /** Environment variable with a local endpoint such as {@code http://127.0.0.1:8000}; empty on AWS. */
    public static final String ENDPOINT_ENV = "DYNAMODB_ENDPOINT";
    /** The region variable Lambda sets. */
    public static final String REGION_ENV = "AWS_REGION";

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

    /** A client configured from the environment variables above. */
    public static DynamoDbClient fromEnvironment() {
        return client(System.getenv(REGION_ENV), System.getenv(ENDPOINT_ENV));
    }

    /** The table name from {@value #TABLE_ENV}; fails with a clear message when unset. */
    public static String tableFromEnvironment() {
        String table = System.getenv(TABLE_ENV);
        if (blank(table)) {
            throw new IllegalStateException(TABLE_ENV + " is not set: it names the DynamoDB table (template.yaml sets it)");
        }
        return table;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
