package cutoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.HttpURLConnection;
import java.net.URI;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;

/**
 * The DynamoDB client's connections: the SDK's default timeouts, and on AWS's https endpoint the JDK's own TLS
 * (its trust store and host-name check), set up at the first connection instead of while the client is built.
 */
class DynamoTest {
    @Test
    void httpsConnectionsVerifyCertificatesAndHostNamesTheJdkWay() {
        HttpURLConnection c = Dynamo.connection(URI.create("https://dynamodb.ap-east-1.amazonaws.com/"));

        HttpsURLConnection https = assertInstanceOf(HttpsURLConnection.class, c);
        assertSame(HttpsURLConnection.getDefaultSSLSocketFactory(), https.getSSLSocketFactory());
        assertSame(HttpsURLConnection.getDefaultHostnameVerifier(), https.getHostnameVerifier());
        assertFalse(https.getHostnameVerifier().verify("dynamodb.ap-east-1.amazonaws.com", null),
                "the default verifier accepts no name on its own: the JDK checks the certificate's names");
    }

    @Test
    void connectionsUseTheSdksDefaultTimeouts() {
        for (String endpoint : new String[] {"https://dynamodb.us-east-1.amazonaws.com/", "http://127.0.0.1:8000/"}) {
            HttpURLConnection c = Dynamo.connection(URI.create(endpoint));
            assertEquals(SdkHttpConfigurationOption.GLOBAL_HTTP_DEFAULTS.get(SdkHttpConfigurationOption.CONNECTION_TIMEOUT).toMillis(),
                    c.getConnectTimeout(), endpoint);
            assertEquals(SdkHttpConfigurationOption.GLOBAL_HTTP_DEFAULTS.get(SdkHttpConfigurationOption.READ_TIMEOUT).toMillis(),
                    c.getReadTimeout(), endpoint);
        }
    }
}
