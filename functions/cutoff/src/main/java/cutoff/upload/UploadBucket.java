package cutoff.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The S3 bucket notice files are uploaded to straight from the client (issue 19: a file over API Gateway's body
 * limit), through a presigned PUT (Signature Version 4 in the query string, {@code Content-Length} signed so that S3
 * refuses any other size), and read back and deleted by the upload function. Three object calls only: {@code
 * s3:PutObject} (made by the client with the function's presigned URL), {@code s3:GetObject}, {@code s3:DeleteObject}.
 *
 * <p>The AWS SDK's {@code s3} module is on the upload function's class path only (its layer,
 * functions/document-libraries), as the notice-file libraries are.
 */
public final class UploadBucket implements AutoCloseable {
    /** The local stand-in's key pair (infra/s3-local/sigv4.js: s3rver's own account). */
    static final String LOCAL_KEY = "S3RVER";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    /** The bucket through these clients (tests: a client that records its calls); {@link #of} builds them. */
    public UploadBucket(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /**
     * The bucket's clients: on AWS the function's role; with {@code endpoint} (the S3 stand-in) path-style addressing
     * and the stand-in's key pair.
     */
    public static UploadBucket of(String bucket, String region, String endpoint) {
        return of(bucket, region, endpoint, null);
    }

    /** As above, with these credentials on AWS ({@code null}: the default chain, the function's role). */
    static UploadBucket of(String bucket, String region, String endpoint, AwsCredentialsProvider credentials) {
        Region r = Region.of(region == null || region.isBlank() ? "us-east-1" : region);
        S3ClientBuilder client = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(r);
        S3Presigner.Builder presigner = S3Presigner.builder().region(r);
        if (credentials != null) {
            client.credentialsProvider(credentials);
            presigner.credentialsProvider(credentials);
        }
        if (endpoint != null && !endpoint.isBlank()) {
            var local = StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_KEY, LOCAL_KEY));
            client.endpointOverride(URI.create(endpoint)).forcePathStyle(true).credentialsProvider(local);
            presigner.endpointOverride(URI.create(endpoint)).credentialsProvider(local)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return new UploadBucket(client.build(), presigner.build(), bucket);
    }

    /**
     * A presigned PUT of one object.
     *
     * @param url       the URL, with its signature in the query
     * @param headers   the headers the PUT must carry with these values (signed; {@code Host} left out, the URL's)
     * @param expiresAt when S3 stops taking it (UTC)
     */
    public record PresignedPut(URI url, Map<String, String> headers, Instant expiresAt) {
    }

    /**
     * Presigns a PUT of {@code key} of exactly {@code bytes} bytes, valid for {@code valid}: S3 refuses the PUT with
     * another {@code Content-Length} (it is a signed header), after expiry, or with the URL changed.
     */
    public PresignedPut presignPut(String key, long bytes, Duration valid) {
        PresignedPutObjectRequest p = presigner.presignPutObject(b -> b.signatureDuration(valid)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentLength(bytes)));
        Map<String, String> headers = new LinkedHashMap<>();
        p.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(headerName(name), String.join(",", values));
            }
        });
        try {
            return new PresignedPut(p.url().toURI(), headers, p.expiration());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned a URL that is no URI", e);
        }
    }

    /** {@code content-length} → {@code Content-Length}: as a person writes it (HTTP names are case-insensitive). */
    private static String headerName(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean up = true;
        for (char c : name.toCharArray()) {
            b.append(up ? Character.toUpperCase(c) : Character.toLowerCase(c));
            up = c == '-';
        }
        return b.toString();
    }

    /** An object larger than the caller takes; nothing of it past the limit was read. */
    public static final class TooLarge extends Exception {
        private final long bytes;

        TooLarge(long bytes) {
            super("an object of " + bytes + " bytes");
            this.bytes = bytes;
        }

        /** Its size, as S3 gives it (at least the limit + 1). */
        public long bytes() {
            return bytes;
        }
    }

    /**
     * The object's bytes, never more than {@code maxBytes} + 1 of them in memory.
     *
     * @return empty when there is no such object. S3 answers a role without {@code s3:ListBucket} 403 rather than 404
     *         for a key that is not there, so both are "not there"
     * @throws TooLarge over {@code maxBytes} (by S3's length, or by what was read when that is wrong)
     */
    public Optional<byte[]> read(String key, int maxBytes) throws TooLarge {
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 403) {
                return Optional.empty();
            }
            throw e;
        }
        try (in) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                in.abort();
                throw new TooLarge(length);
            }
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                in.abort();
                throw new TooLarge(bytes.length);
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key, e);
        }
    }

    /** Deletes the object; one that is not there is no error (S3 answers 204 either way). */
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /** The bucket's name. */
    public String name() {
        return bucket;
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
