package cutoff.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.app.Config;
import cutoff.web.Layout;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The presigned PUT as the AWS SDK makes it on AWS (no request is sent: presigning is local): its origin is the one the
 * upload page's Content-Security-Policy allows ({@link Config.Uploads#origin()}), it signs Content-Length and host only,
 * and it says when it expires.
 */
class UploadBucketTest {
    private static final StaticCredentialsProvider KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    @Test
    void theSdksPresignedUrl_isAtTheOriginTheUploadPageMayConnectTo_inEveryRegion() {
        for (String region : List.of("us-east-1", "ap-east-1", "cn-north-1", "eu-central-1")) {
            Config.Uploads uploads = new Config.Uploads("cutoff-prod-noticeuploadbucket-1a2b3c", region, null);
            try (UploadBucket bucket = UploadBucket.of(uploads.bucket(), region, null, KEYS)) {
                UploadBucket.PresignedPut put = bucket.presignPut(DirectUploads.key("org_a", "AAAAAAAAAAAAAAAAAAAAAA"), 12345,
                        DirectUploads.VALID);
                URI url = put.url();
                String origin = url.getScheme() + "://" + url.getHost();
                assertEquals(uploads.origin(), origin, region);
                assertEquals("/uploads/org_a/AAAAAAAAAAAAAAAAAAAAAA", url.getRawPath());
                assertTrue(url.getRawQuery().contains("X-Amz-SignedHeaders=content-length%3Bhost"), url.getRawQuery());
                assertTrue(url.getRawQuery().contains("X-Amz-Expires=900"), url.getRawQuery());
                assertEquals(Map.of("Content-Length", "12345"), put.headers());
                assertTrue(Layout.contentSecurityPolicy(uploads.origin()).contains("connect-src 'self' " + origin + ";"));
            }
        }
    }

    @Test
    void theStandInsOrigin_isItsEndpoints() {
        assertEquals("http://127.0.0.1:18123", new Config.Uploads("b", null, "http://127.0.0.1:18123/").origin());
        assertEquals(null, new Config.Uploads(null, null, "http://127.0.0.1:18123").origin());
    }

    @Test
    void aPolicyTakesAnOriginOnly() {
        for (String bad : new String[] {null, "", "https://a.example/path", "https://a.example; script-src *", "https://a b", "ftp://a",
                "https://a.example:1:2", "'self'"}) {
            try {
                Layout.contentSecurityPolicy(bad);
                throw new AssertionError("took " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("origin"));
            }
        }
    }
}
