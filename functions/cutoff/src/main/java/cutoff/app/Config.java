package cutoff.app;

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
 */
public record Config(String table, String region, String dynamoDbEndpoint, String mailFrom, String sesEndpoint,
                     String sesConfigurationSet, String publicBaseUrl, double sendRateShare, double maxSendRate) {
    public static final String TABLE = "CUTOFF_TABLE";
    public static final String REGION = "AWS_REGION";
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String MAIL_FROM = "MAIL_FROM";
    public static final String SES_ENDPOINT = "SES_ENDPOINT";
    public static final String SES_CONFIGURATION_SET = "SES_CONFIGURATION_SET";
    public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";
    public static final String SEND_RATE_SHARE = "SEND_RATE_SHARE";
    public static final String MAX_SEND_RATE = "MAX_SEND_RATE";

    /** Every variable read here except {@value #REGION}, which Lambda sets: the template sets each of these. */
    public static final List<String> TEMPLATE_VARIABLES = List.of(TABLE, DYNAMODB_ENDPOINT, MAIL_FROM, SES_ENDPOINT,
            SES_CONFIGURATION_SET, PUBLIC_BASE_URL, SEND_RATE_SHARE, MAX_SEND_RATE);

    static final double DEFAULT_SEND_RATE_SHARE = 0.8;
    static final double DEFAULT_MAX_SEND_RATE = 1.0;
    static final String DEFAULT_REGION = "us-east-1";

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
                number(env, SEND_RATE_SHARE, DEFAULT_SEND_RATE_SHARE), number(env, MAX_SEND_RATE, DEFAULT_MAX_SEND_RATE));
    }

    /** A local configuration: a table on DynamoDB Local and, optionally, the SES stand-in. */
    public static Config local(String table, String dynamoDbEndpoint, String sesEndpoint, String mailFrom, String publicBaseUrl) {
        return new Config(table, DEFAULT_REGION, dynamoDbEndpoint, mailFrom, sesEndpoint, null, publicBaseUrl,
                DEFAULT_SEND_RATE_SHARE, DEFAULT_MAX_SEND_RATE);
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
        String v = blankToNull(env.get(name));
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is a number, not '" + v + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
