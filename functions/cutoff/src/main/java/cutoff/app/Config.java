package cutoff.app;

import cutoff.dispatch.Dispatcher;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every setting Cutoff reads from its environment, in one place, read once per container. The
 * environment variables are set by {@code template.yaml} ({@code Globals.Function.Environment}); a
 * test checks that the template sets every name in {@link #TEMPLATE_VARIABLES}.
 *
 * @param table               {@value #TABLE}: the DynamoDB table ({@code !Ref CutoffTable}); required
 * @param region              {@value #REGION}: set by Lambda itself; {@code us-east-1} when unset (local use)
 * @param dynamoDbEndpoint    {@value #DYNAMODB_ENDPOINT}: DynamoDB Local's URL; {@code null} on AWS
 * @param mailFrom            {@value #MAIL_FROM}: the verified SES sender; {@code null} where nothing is sent
 * @param sesEndpoint         {@value #SES_ENDPOINT}: the SES stand-in's URL; {@code null} on AWS
 * @param sesConfigurationSet {@value #SES_CONFIGURATION_SET}: publishes bounces and complaints; may be {@code null}
 * @param publicBaseUrl       {@value #PUBLIC_BASE_URL}: http(s) base of links in emails and pages, no trailing
 *                            slash; {@code null} to use the API's own domain (pages) — the dispatcher needs it
 * @param sendRateShare       {@value #SEND_RATE_SHARE}: share of SES's MaxSendRate the dispatcher uses, in (0, 1]; default 0.8
 * @param maxSendRate         {@value #MAX_SEND_RATE}: messages per second when SES's GetAccount does not say; default 1
 * @param dispatchConcurrency {@value #DISPATCH_CONCURRENCY}: the most recipients the dispatcher has in flight at once,
 *                            1 to 64; default 32. A run uses fewer when its rate × measured latency needs fewer
 *                            ({@link Dispatcher}); 1 sends one email at a time
 * @param subscribeBurst      {@value #SUBSCRIBE_BURST}: subscription requests one source may make at once, 1 to 1000; default 10
 * @param subscribePerHour    {@value #SUBSCRIBE_PER_HOUR}: how many of those a source regains an hour, more than 0; default 4
 * @param confirmationsPerDay {@value #CONFIRMATIONS_PER_DAY}: emails subscription requests may send per UTC day, the whole
 *                            service; 0 sends none; default 500
 * @param challengeBits       {@value #SUBSCRIBE_CHALLENGE_BITS}: zero bits of the proof-of-work a subscription request must
 *                            carry, 0 to 28; 0 (default) asks for none
 * @param abuseSecret         {@value #ABUSE_SECRET}: key of the HMACs over source addresses and challenges, at least 16
 *                            characters; {@code null} for a random one per process (local use: challenges then work only
 *                            in the process that issued them)
 * @param originVerify        {@value #CDN_ORIGIN_VERIFY}: the value CloudFront sends the API in {@code X-Cutoff-Origin-Verify}
 *                            (template: generated in Secrets Manager, subscription function only, with the CDN on), at least 16
 *                            characters; a request carrying it came through the CDN, so its {@code CloudFront-Viewer-Address}
 *                            is the viewer's. {@code null} (no CDN, local use): that header is never trusted
 * @param chatEndpoint        {@value #CHAT_ENDPOINT}: one http(s) base every group-chat post goes to instead of the
 *                            chat services' own (the chat stand-in, infra/chat-local); {@code null} on AWS
 */
public record Config(String table, String region, String dynamoDbEndpoint, String mailFrom, String sesEndpoint,
                     String sesConfigurationSet, String publicBaseUrl, double sendRateShare, double maxSendRate,
                     int dispatchConcurrency, int subscribeBurst, double subscribePerHour, int confirmationsPerDay, int challengeBits,
                     String abuseSecret, String originVerify, String chatEndpoint) {
    public static final String TABLE = "CUTOFF_TABLE";
    public static final String REGION = "AWS_REGION";
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String MAIL_FROM = "MAIL_FROM";
    public static final String SES_ENDPOINT = "SES_ENDPOINT";
    public static final String SES_CONFIGURATION_SET = "SES_CONFIGURATION_SET";
    public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";
    public static final String SEND_RATE_SHARE = "SEND_RATE_SHARE";
    public static final String MAX_SEND_RATE = "MAX_SEND_RATE";
    public static final String DISPATCH_CONCURRENCY = "DISPATCH_CONCURRENCY";
    public static final String SUBSCRIBE_BURST = "SUBSCRIBE_BURST";
    public static final String SUBSCRIBE_PER_HOUR = "SUBSCRIBE_PER_HOUR";
    public static final String CONFIRMATIONS_PER_DAY = "CONFIRMATIONS_PER_DAY";
    public static final String SUBSCRIBE_CHALLENGE_BITS = "SUBSCRIBE_CHALLENGE_BITS";
    public static final String ABUSE_SECRET = "ABUSE_SECRET";
    public static final String CDN_ORIGIN_VERIFY = "CDN_ORIGIN_VERIFY";
    public static final String CHAT_ENDPOINT = "CHAT_ENDPOINT";

    /**
     * The bucket notice files are uploaded to through presigned PUTs (issue 19: over API Gateway's body limit); set on
     * {@code NoticeUploadFunction} only ({@link Uploads}), so not in {@link #TEMPLATE_VARIABLES}.
     */
    public static final String UPLOAD_BUCKET = "UPLOAD_BUCKET";
    /** The S3 stand-in's URL (path-style, local credentials); unset on AWS. Upload function only, as {@link #UPLOAD_BUCKET}. */
    public static final String S3_ENDPOINT = "S3_ENDPOINT";

    /** Every variable read here except {@value #REGION}, which Lambda sets: the template sets each of these. */
    public static final List<String> TEMPLATE_VARIABLES = List.of(TABLE, DYNAMODB_ENDPOINT, MAIL_FROM, SES_ENDPOINT,
            SES_CONFIGURATION_SET, PUBLIC_BASE_URL, SEND_RATE_SHARE, MAX_SEND_RATE, DISPATCH_CONCURRENCY, SUBSCRIBE_BURST,
            SUBSCRIBE_PER_HOUR, CONFIRMATIONS_PER_DAY, SUBSCRIBE_CHALLENGE_BITS, ABUSE_SECRET, CDN_ORIGIN_VERIFY,
            CHAT_ENDPOINT);

    static final double DEFAULT_SEND_RATE_SHARE = 0.8;
    static final double DEFAULT_MAX_SEND_RATE = 1.0;
    // Little's law: 160 emails/s (0.8 of 200/s) at a 150 ms p95 needs 24 in flight; 32 leaves a margin.
    static final int DEFAULT_DISPATCH_CONCURRENCY = 32;
    static final String DEFAULT_REGION = "us-east-1";
    // A person subscribes once or twice, and a campus or office NAT puts many people behind one address:
    // 10 at once, then one every 15 minutes (about 100 a day from one source). The daily cap is the backstop.
    static final int DEFAULT_SUBSCRIBE_BURST = 10;
    static final double DEFAULT_SUBSCRIBE_PER_HOUR = 4;
    // Far above the sign-ups a call's announcement brings, far below a production SES quota (50,000 a day).
    static final int DEFAULT_CONFIRMATIONS_PER_DAY = 500;

    public Config {
        table = blankToNull(table);
        region = blankToNull(region) == null ? DEFAULT_REGION : region.strip();
        dynamoDbEndpoint = blankToNull(dynamoDbEndpoint);
        mailFrom = blankToNull(mailFrom);
        sesEndpoint = blankToNull(sesEndpoint);
        sesConfigurationSet = blankToNull(sesConfigurationSet);
        publicBaseUrl = blankToNull(publicBaseUrl);
        if (publicBaseUrl != null) {
            publicBaseUrl = httpBase(PUBLIC_BASE_URL, publicBaseUrl);
        }
        if (!(sendRateShare > 0 && sendRateShare <= 1)) {
            throw new IllegalArgumentException(SEND_RATE_SHARE + " is a share in (0, 1], not " + sendRateShare);
        }
        if (!(maxSendRate > 0)) {
            throw new IllegalArgumentException(MAX_SEND_RATE + " is messages per second, more than 0, not " + maxSendRate);
        }
        if (dispatchConcurrency < 1 || dispatchConcurrency > Dispatcher.MOST_CONCURRENCY) {
            throw new IllegalArgumentException(DISPATCH_CONCURRENCY + " is a whole number from 1 to " + Dispatcher.MOST_CONCURRENCY
                    + ", not " + dispatchConcurrency);
        }
        if (subscribeBurst < 1 || subscribeBurst > 1000) {
            throw new IllegalArgumentException(SUBSCRIBE_BURST + " is a whole number from 1 to 1000, not " + subscribeBurst);
        }
        if (!(subscribePerHour > 0)) {
            throw new IllegalArgumentException(SUBSCRIBE_PER_HOUR + " is requests an hour, more than 0, not " + subscribePerHour);
        }
        if (confirmationsPerDay < 0) {
            throw new IllegalArgumentException(CONFIRMATIONS_PER_DAY + " is 0 or more, not " + confirmationsPerDay);
        }
        if (challengeBits < 0 || challengeBits > 28) {
            throw new IllegalArgumentException(SUBSCRIBE_CHALLENGE_BITS + " is 0 (off) to 28, not " + challengeBits);
        }
        abuseSecret = blankToNull(abuseSecret);
        if (abuseSecret != null && abuseSecret.length() < 16) {
            // The value itself is never part of a message.
            throw new IllegalArgumentException(ABUSE_SECRET + " must be at least 16 characters");
        }
        originVerify = blankToNull(originVerify);
        if (originVerify != null && originVerify.length() < 16) {
            throw new IllegalArgumentException(CDN_ORIGIN_VERIFY + " must be at least 16 characters");
        }
        chatEndpoint = blankToNull(chatEndpoint);
        if (chatEndpoint != null) {
            chatEndpoint = httpBase(CHAT_ENDPOINT, chatEndpoint);
        }
    }

    /** The configuration of this process: {@link System#getenv()}, read once. */
    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    /** The environment with some variables replaced (a command's options over its environment). */
    public static Config fromEnvironment(Map<String, String> overrides) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putAll(overrides);
        return from(env);
    }

    /**
     * A configuration from variables (names as above); absent or blank ones take their defaults.
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    public static Config from(Map<String, String> env) {
        return new Config(env.get(TABLE), env.get(REGION), env.get(DYNAMODB_ENDPOINT), env.get(MAIL_FROM),
                env.get(SES_ENDPOINT), env.get(SES_CONFIGURATION_SET), env.get(PUBLIC_BASE_URL),
                number(env, SEND_RATE_SHARE, DEFAULT_SEND_RATE_SHARE), number(env, MAX_SEND_RATE, DEFAULT_MAX_SEND_RATE),
                whole(env, DISPATCH_CONCURRENCY, DEFAULT_DISPATCH_CONCURRENCY),
                whole(env, SUBSCRIBE_BURST, DEFAULT_SUBSCRIBE_BURST), number(env, SUBSCRIBE_PER_HOUR, DEFAULT_SUBSCRIBE_PER_HOUR),
                whole(env, CONFIRMATIONS_PER_DAY, DEFAULT_CONFIRMATIONS_PER_DAY), whole(env, SUBSCRIBE_CHALLENGE_BITS, 0),
                env.get(ABUSE_SECRET), env.get(CDN_ORIGIN_VERIFY), env.get(CHAT_ENDPOINT));
    }

    /** A local configuration: a table on DynamoDB Local and, optionally, the SES stand-in. */
    public static Config local(String table, String dynamoDbEndpoint, String sesEndpoint, String mailFrom, String publicBaseUrl) {
        return new Config(table, DEFAULT_REGION, dynamoDbEndpoint, mailFrom, sesEndpoint, null, publicBaseUrl,
                DEFAULT_SEND_RATE_SHARE, DEFAULT_MAX_SEND_RATE, DEFAULT_DISPATCH_CONCURRENCY, DEFAULT_SUBSCRIBE_BURST,
                DEFAULT_SUBSCRIBE_PER_HOUR, DEFAULT_CONFIRMATIONS_PER_DAY, 0, null, null, null);
    }

    /** This configuration with other subscription limits (tests, the demo's options). */
    public Config withSubscriptionLimits(int burst, double perHour, int perDay, int challengeBits) {
        return new Config(table, region, dynamoDbEndpoint, mailFrom, sesEndpoint, sesConfigurationSet, publicBaseUrl,
                sendRateShare, maxSendRate, dispatchConcurrency, burst, perHour, perDay, challengeBits, abuseSecret, originVerify, chatEndpoint);
    }

    /** This configuration with another {@link #originVerify()} (tests: requests as if through the CDN). */
    public Config withOriginVerify(String value) {
        return new Config(table, region, dynamoDbEndpoint, mailFrom, sesEndpoint, sesConfigurationSet, publicBaseUrl,
                sendRateShare, maxSendRate, dispatchConcurrency, subscribeBurst, subscribePerHour, confirmationsPerDay,
                challengeBits, abuseSecret, value, chatEndpoint);
    }

    /** This configuration with another {@link #dispatchConcurrency()} (tests, benchmarks). */
    public Config withDispatchConcurrency(int most) {
        return new Config(table, region, dynamoDbEndpoint, mailFrom, sesEndpoint, sesConfigurationSet, publicBaseUrl,
                sendRateShare, maxSendRate, most, subscribeBurst, subscribePerHour, confirmationsPerDay, challengeBits,
                abuseSecret, originVerify, chatEndpoint);
    }

    /** This configuration with the chat stand-in's base for every chat service (tests, the demo). */
    public Config withChatEndpoint(String endpoint) {
        return new Config(table, region, dynamoDbEndpoint, mailFrom, sesEndpoint, sesConfigurationSet, publicBaseUrl,
                sendRateShare, maxSendRate, dispatchConcurrency, subscribeBurst, subscribePerHour, confirmationsPerDay,
                challengeBits, abuseSecret, originVerify, endpoint);
    }

    /**
     * Where the upload function takes notice files too large for a request body ({@code cutoff.upload.DirectUploads}):
     * {@value #UPLOAD_BUCKET} and {@value #S3_ENDPOINT}, read by the upload function alone.
     *
     * @param bucket     the bucket's name; {@code null}: no direct uploads here ({@code POST /notices/uploads} says so)
     * @param region     the bucket's region (the function's own)
     * @param s3Endpoint the S3 stand-in's URL, or {@code null} on AWS
     */
    public record Uploads(String bucket, String region, String s3Endpoint) {
        public Uploads {
            bucket = blankToNull(bucket);
            region = blankToNull(region) == null ? DEFAULT_REGION : region.strip();
            s3Endpoint = blankToNull(s3Endpoint);
            if (s3Endpoint != null) {
                s3Endpoint = httpBase(S3_ENDPOINT, s3Endpoint);
            }
        }

        /**
         * The origin presigned PUTs go to, which the upload page may connect to: the stand-in's ({@link #s3Endpoint()},
         * path-style), else the bucket's virtual-hosted one, {@code https://<bucket>.s3.<region>.amazonaws.com} ({@code
         * <bucket>.s3.amazonaws.com} in us-east-1, {@code .com.cn} in China), as the AWS SDK presigns it ({@code
         * UploadBucketTest} holds the two together); {@code null} without a bucket.
         */
        public String origin() {
            if (bucket == null) {
                return null;
            }
            if (s3Endpoint != null) {
                URI uri = URI.create(s3Endpoint);
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
            // The SDK's endpoint rules: us-east-1 keeps S3's global host; China's regions are in amazonaws.com.cn.
            return "https://" + bucket + (region.equals("us-east-1") ? ".s3" : ".s3." + region) + ".amazonaws.com"
                    + (region.startsWith("cn-") ? ".cn" : "");
        }

        /** This process's: {@link System#getenv()}. */
        public static Uploads fromEnvironment() {
            Map<String, String> env = System.getenv();
            return new Uploads(env.get(UPLOAD_BUCKET), env.get(REGION), env.get(S3_ENDPOINT));
        }
    }

    /** The table name; fails with a clear message when unset. */
    public String requireTable() {
        if (table == null) {
            throw new IllegalStateException(TABLE + " is not set: it names the DynamoDB table (template.yaml sets it)");
        }
        return table;
    }

    /** The sender address; fails with a clear message when unset. */
    public String requireMailFrom() {
        if (mailFrom == null) {
            throw new IllegalStateException(MAIL_FROM + " is not set: it is the verified sender address (template.yaml sets it)");
        }
        return mailFrom;
    }

    /** The public base URL for links in reminders; the dispatcher has no request to take it from. */
    public String requirePublicBaseUrl() {
        if (publicBaseUrl == null) {
            throw new IllegalStateException(PUBLIC_BASE_URL + " must be the public base URL for links in reminders "
                    + "(template.yaml sets it to the API's URL); it is not set");
        }
        return publicBaseUrl;
    }

    /**
     * An absolute http or https URL with a host, without a trailing slash.
     *
     * @throws IllegalArgumentException naming {@code variable} otherwise
     */
    static String httpBase(String variable, String url) {
        String u = url.strip();
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not a URL: " + url);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(variable + " must be an http(s) URL with a host and no query, such as "
                    + "https://cutoff.example.org, not " + url);
        }
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        return parsed(env, name, fallback, Double::parseDouble, "a number");
    }

    private static int whole(Map<String, String> env, String name, int fallback) {
        return parsed(env, name, fallback, Integer::parseInt, "a whole number");
    }

    private static <T> T parsed(Map<String, String> env, String name, T fallback, java.util.function.Function<String, T> parse,
                                String kind) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return fallback;
        }
        try {
            return parse.apply(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is " + kind + ", not '" + v + "'");
        }
    }

    /** The record's text without the secret (a record's own would print it). */
    @Override
    public String toString() {
        return "Config[table=" + table + ", region=" + region + ", dispatchConcurrency=" + dispatchConcurrency + ", subscribeBurst=" + subscribeBurst + ", subscribePerHour="
                + subscribePerHour + ", confirmationsPerDay=" + confirmationsPerDay + ", challengeBits=" + challengeBits
                + ", abuseSecret=" + (abuseSecret == null ? "unset" : "set") + ", originVerify=" + (originVerify == null ? "unset" : "set")
                + ", …]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
