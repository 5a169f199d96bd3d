package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.http.Http;
import cutoff.http.RequestSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optional parts of the deployed template (custom domain, CDN, SES identity) under the parameter
 * values an operator would give, read from the SAM-transformed template (what CloudFormation gets) with
 * its conditions and {@code Fn::If}s evaluated here: {@code Ref} of a parameter, {@code Fn::Sub} of
 * parameters, {@code Fn::If}, {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or},
 * {@code Condition}. A reference to a resource is left as its {@code ${…}} text.
 */
class TemplateConditionsTest {
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String API_URL = "https://${CutoffApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}";
    private static final Map<String, String> DOMAIN = Map.of("DomainName", "cutoff.example.org",
            "CertificateArn", "arn:aws:acm:ap-east-1:123456789012:certificate/1");
    private static JsonNode template;

    @BeforeAll
    static void transform() throws Exception {
        template = TemplatePermissionsTest.transformTemplate();
    }

    /** Parameter values: the given ones over the template's defaults (MailFrom and MailFromIdentity have none). */
    private static Map<String, String> parameters(Map<String, String> given) {
        Map<String, String> values = new HashMap<>(Map.of("MailFrom", "reminders@example.org", "MailFromIdentity", "example.org"));
        template.get("Parameters").fields().forEachRemaining(p -> {
            if (p.getValue().has("Default")) {
                values.put(p.getKey(), p.getValue().get("Default").asText());
            }
        });
        values.putAll(given);
        return values;
    }

    private static Object eval(JsonNode n, Map<String, String> params) {
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isObject() && n.size() == 1) {
            String fn = n.fieldNames().next();
            JsonNode arg = n.get(fn);
            switch (fn) {
                case "Ref":
                    return params.containsKey(arg.asText()) ? params.get(arg.asText()) : "${" + arg.asText() + "}";
                case "Fn::Sub": {
                    Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(arg.asText());
                    StringBuilder b = new StringBuilder();
                    while (m.find()) {
                        m.appendReplacement(b, Matcher.quoteReplacement(params.getOrDefault(m.group(1), m.group())));
                    }
                    return m.appendTail(b).toString();
                }
                case "Fn::If":
                    return condition(arg.get(0).asText(), params) ? eval(arg.get(1), params) : eval(arg.get(2), params);
                case "Fn::Equals":
                    return eval(arg.get(0), params).equals(eval(arg.get(1), params));
                case "Fn::Not":
                    return !(Boolean) eval(arg.get(0), params);
                case "Fn::And": {
                    boolean all = true;
                    for (JsonNode a : arg) {
                        all &= (Boolean) eval(a, params);
                    }
                    return all;
                }
                case "Fn::Or": {
                    boolean any = false;
                    for (JsonNode a : arg) {
                        any |= (Boolean) eval(a, params);
                    }
                    return any;
                }
                case "Condition":
                    return condition(arg.asText(), params);
                default:
                    break;
            }
        }
        throw new AssertionError("this test does not evaluate " + n);
    }

    private static boolean condition(String name, Map<String, String> params) {
        return (Boolean) eval(template.get("Conditions").get(name), params);
    }

    private static String publicBaseUrl(String function, Map<String, String> given) {
        JsonNode v = template.get("Resources").get(function).get("Properties").get("Environment").get("Variables").get("PUBLIC_BASE_URL");
        return (String) eval(v, parameters(given));
    }

    /** The resources CloudFormation would create with these parameters. */
    private static Set<String> created(Map<String, String> given) {
        Set<String> names = new TreeSet<>();
        template.get("Resources").fields().forEachRemaining(r -> {
            JsonNode c = r.getValue().get("Condition");
            if (c == null || condition(c.asText(), parameters(given))) {
                names.add(r.getKey());
            }
        });
        return names;
    }

    @Test
    void linksInEmails_useThePublicBaseUrl_elseTheDomain_elseTheCdn_elseTheApi() {
        assertEquals("https://${FeedsCdn.DomainName}", publicBaseUrl("DispatchFunction", Map.of()), "the CDN is on by default");
        assertEquals(API_URL, publicBaseUrl("DispatchFunction", Map.of("EnableCdn", "false")));
        assertEquals("https://cutoff.example.org", publicBaseUrl("DispatchFunction", DOMAIN));
        Map<String, String> both = new HashMap<>(DOMAIN);
        both.put("PublicBaseUrl", "https://deadlines.example.org");
        assertEquals("https://deadlines.example.org", publicBaseUrl("DispatchFunction", both));
        // The API's functions cannot name the API or the CDN (a cycle): empty means "the host asked".
        for (String f : List.of("SubscriptionFunction", "FeedFunction", "BounceFunction")) {
            assertEquals("", publicBaseUrl(f, Map.of()), f);
            assertEquals("https://cutoff.example.org", publicBaseUrl(f, DOMAIN), f);
            assertEquals("https://deadlines.example.org", publicBaseUrl(f, both), f);
        }
    }

    @Test
    void theCustomDomain_isMadeOnlyWithItsCertificate_andMappedToTheApi() {
        assertFalse(created(Map.of()).contains("CutoffDomain"));
        assertFalse(created(Map.of("DomainName", "cutoff.example.org")).contains("CutoffDomain"), "no certificate, no domain");
        assertTrue(created(DOMAIN).containsAll(Set.of("CutoffDomain", "CutoffDomainMapping")));
        JsonNode mapping = template.get("Resources").get("CutoffDomainMapping").get("Properties");
        assertEquals("CutoffApi", mapping.get("ApiId").get("Ref").asText());
        assertEquals("$default", mapping.get("Stage").asText());
        JsonNode config = template.get("Resources").get("CutoffDomain").get("Properties").get("DomainNameConfigurations").get(0);
        assertEquals("REGIONAL", config.get("EndpointType").asText());
        assertTrue(template.get("Rules").has("DomainNeedsCertificate"), "a DomainName without a certificate is refused at deploy");
        assertEquals("HasDomain", template.get("Outputs").get("DomainTarget").get("Condition").asText());
    }

    @Test
    void theCdn_cachesPublicFeedsOnly_andPassesPersonalFeedsAndSubscriptionsThrough() {
        assertTrue(created(Map.of()).contains("FeedsCdn"));
        assertFalse(created(Map.of("EnableCdn", "false")).contains("FeedsCdn"));
        JsonNode config = template.get("Resources").get("FeedsCdn").get("Properties").get("DistributionConfig");
        JsonNode fallback = config.get("DefaultCacheBehavior");
        assertEquals(CACHING_DISABLED, fallback.get("CachePolicyId").asText());
        assertEquals("ApiViewerRequests", fallback.get("OriginRequestPolicyId").get("Ref").asText(), "the template's own policy");
        assertTrue(fallback.get("AllowedMethods").toString().contains("POST"), "subscriptions pass through");
        // The cached patterns are exactly the public feed routes (Routes.FEEDS without personal feeds and /status).
        List<String> cached = new ArrayList<>();
        for (JsonNode b : config.get("CacheBehaviors")) {
            if (b.get("PathPattern").asText().equals("/orgs/*") || b.get("PathPattern").asText().equals("/orgs")) {
                continue; // the office API: keyed on Authorization, nothing kept (see the next test)
            }
            assertEquals(CACHING_OPTIMIZED, b.get("CachePolicyId").asText(), b.toString());
            assertTrue(b.get("Compress").asBoolean(), b.toString());
            cached.add(b.get("PathPattern").asText());
        }
        List<String> publicFeeds = new ArrayList<>();
        for (String route : Routes.FEEDS) {
            // Personal and office feeds are private (capability URLs): never cached at the edge.
            if (route.startsWith("/feeds/") && !route.startsWith("/feeds/personal/") && !route.startsWith("/feeds/orgs/")) {
                publicFeeds.add(route.replace("{file}", "*"));
            }
        }
        // And the pages' assets (versioned names are immutable); the pages themselves pass through uncached.
        publicFeeds.add(Routes.WEB.stream().filter(r -> r.startsWith("/assets/")).findFirst().orElseThrow().replace("{file}", "*"));
        assertEquals(new TreeSet<>(publicFeeds), new TreeSet<>(cached));
        String origin = (String) eval(config.get("Origins").get(0).get("DomainName"), parameters(Map.of()));
        assertEquals(API_URL.substring("https://".length()), origin);
    }

    /** The request headers cutoff.handler, cutoff.http and cutoff.web read, by name ({@code Http.header(e, "accept")}), lower case. */
    private static Set<String> headersTheCodeReads() throws Exception {
        Set<String> read = new TreeSet<>();
        Pattern call = Pattern.compile("header\\((?:e|event), \"([A-Za-z-]+)\"\\)");
        for (String pkg : List.of("handler", "http", "web")) {
            try (var files = java.nio.file.Files.list(cutoff.testing.Project.root().resolve("functions/cutoff/src/main/java/cutoff/" + pkg))) {
                for (java.nio.file.Path f : files.toList()) {
                    Matcher m = call.matcher(java.nio.file.Files.readString(f));
                    while (m.find()) {
                        read.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return read;
    }

    @Test
    void theUncachedBehaviour_forwardsTheHeadersTheCodeReads_andTheViewersAddress_butNeverHost() throws Exception {
        JsonNode resources = template.get("Resources");
        JsonNode policy = resources.get("ApiViewerRequests");
        assertEquals("AWS::CloudFront::OriginRequestPolicy", policy.get("Type").asText());
        assertEquals("CdnOn", policy.get("Condition").asText(), "made with the distribution, not without it");
        JsonNode config = policy.get("Properties").get("OriginRequestPolicyConfig");
        assertEquals("whitelist", config.get("HeadersConfig").get("HeaderBehavior").asText());
        Set<String> forwarded = new TreeSet<>();
        config.get("HeadersConfig").get("Headers").forEach(h -> forwarded.add(h.asText().toLowerCase(java.util.Locale.ROOT)));
        assertTrue(forwarded.contains(RequestSource.VIEWER_ADDRESS_HEADER), forwarded.toString());
        assertFalse(forwarded.contains("host"), "API Gateway refuses a Host that is not its own");
        assertFalse(forwarded.contains(RequestSource.ORIGIN_VERIFY_HEADER), "a viewer's own verify header is never passed on");
        Set<String> read = headersTheCodeReads();
        assertTrue(read.containsAll(Set.of("accept", "accept-language", "content-type", "if-none-match")), "the scan finds the reads: " + read);
        read.remove("host"); // only when API Gateway gives no domain name, which it always does
        // Authorization (the office API's bearer key) can reach the origin only as part of a cache key: the
        // /orgs/* behaviour's own cache policy keys on it and keeps nothing.
        assertTrue(read.remove("authorization"), "the office API reads Authorization: " + read);
        JsonNode office = resources.get("OfficeKeyedRequests").get("Properties").get("CachePolicyConfig");
        assertEquals("[\"Authorization\"]", office.get("ParametersInCacheKeyAndForwardedToOrigin").get("HeadersConfig")
                .get("Headers").toString());
        assertEquals(0, office.get("DefaultTTL").asInt(), "nothing an office reads is kept at the edge");
        boolean officeBehaviour = false;
        for (JsonNode b : resources.get("FeedsCdn").get("Properties").get("DistributionConfig").get("CacheBehaviors")) {
            if (b.get("PathPattern").asText().startsWith("/orgs")) {
                officeBehaviour = b.get("CachePolicyId").toString().contains("OfficeKeyedRequests");
                assertTrue(officeBehaviour, b.toString());
            }
        }
        assertTrue(officeBehaviour, "/orgs/* goes through the Authorization-keyed cache policy");
        assertTrue(forwarded.containsAll(read), "the code reads " + read + "; the policy forwards " + forwarded);
        assertEquals("all", config.get("QueryStringsConfig").get("QueryStringBehavior").asText(), "tokens are in the query");
        // The pages' language cookie (lang) reaches every uncached route: /, /calls/*, /office and the subscription pages.
        assertEquals("all", config.get("CookiesConfig").get("CookieBehavior").asText(), "the lang cookie reaches the pages");
        // The cached feed behaviours keep the managed policy alone: no viewer address in their requests.
        for (JsonNode b : resources.get("FeedsCdn").get("Properties").get("DistributionConfig").get("CacheBehaviors")) {
            assertEquals(b.get("PathPattern").asText().startsWith("/orgs"), b.has("OriginRequestPolicyId"), b.toString());
        }
    }

    @Test
    void theCdn_sendsTheApiTheVerifyValue_thatOnlyTheSubscriptionFunctionHolds_andOnlyWithTheCdnOn() {
        JsonNode resources = template.get("Resources");
        JsonNode origin = resources.get("FeedsCdn").get("Properties").get("DistributionConfig").get("Origins").get(0);
        JsonNode header = origin.get("OriginCustomHeaders").get(0);
        assertEquals(RequestSource.ORIGIN_VERIFY_HEADER, header.get("HeaderName").asText().toLowerCase(java.util.Locale.ROOT));
        String sent = (String) eval(header.get("HeaderValue"), parameters(Map.of()));
        assertEquals("{{resolve:secretsmanager:${CdnOriginVerify}:SecretString}}", sent);
        JsonNode secret = resources.get("CdnOriginVerify");
        assertEquals("AWS::SecretsManager::Secret", secret.get("Type").asText());
        assertTrue(secret.get("Properties").has("GenerateSecretString"), "generated, never typed");
        assertTrue(created(Map.of()).contains("CdnOriginVerify"));
        assertFalse(created(Map.of("EnableCdn", "false")).contains("CdnOriginVerify"));
        assertFalse(created(Map.of("EnableCdn", "false")).contains("ApiViewerRequests"));

        String variable = cutoff.app.Config.CDN_ORIGIN_VERIFY;
        JsonNode subscription = resources.get("SubscriptionFunction").get("Properties").get("Environment").get("Variables").get(variable);
        assertEquals(sent, eval(subscription, parameters(Map.of())), "the function compares with what CloudFront sends");
        assertEquals("", eval(subscription, parameters(Map.of("EnableCdn", "false"))), "no CDN: no header is trusted");
        for (String f : List.of("FeedFunction", "DispatchFunction", "BounceFunction")) {
            JsonNode own = resources.get(f).get("Properties").path("Environment").path("Variables").path(variable);
            assertTrue(own.isMissingNode() || own.asText().isEmpty(), f + " does not hold the verify value");
        }
    }

    @Test
    void theBounceTopic_isEncryptedWithAKeySesMayUse_rotated() {
        JsonNode resources = template.get("Resources");
        String key = resources.get("SesNotificationsTopic").get("Properties").get("KmsMasterKeyId").get("Ref").asText();
        JsonNode k = resources.get(key);
        assertEquals("AWS::KMS::Key", k.get("Type").asText());
        assertTrue(k.get("Properties").get("EnableKeyRotation").asBoolean());
        JsonNode ses = null;
        for (JsonNode s : k.get("Properties").get("KeyPolicy").get("Statement")) {
            if (s.path("Principal").path("Service").asText().equals("ses.amazonaws.com")) {
                ses = s;
            }
        }
        assertTrue(ses != null, "SES may use the key");
        assertEquals(Set.of("kms:GenerateDataKey*", "kms:Decrypt"), new TreeSet<>(List.of(ses.get("Action").get(0).asText(),
                ses.get("Action").get(1).asText())));
        assertEquals("AWS::AccountId", ses.get("Condition").get("StringEquals").get("aws:SourceAccount").get("Ref").asText());
    }

    @Test
    void theSesIdentity_isOptional_withDkim2048AndACustomMailFrom() {
        assertFalse(created(Map.of()).contains("SesIdentity"), "off by default: the identity exists already");
        assertTrue(created(Map.of("SesDomain", "example.org")).contains("SesIdentity"));
        JsonNode p = template.get("Resources").get("SesIdentity").get("Properties");
        assertEquals("RSA_2048_BIT", p.get("DkimSigningAttributes").get("NextSigningKeyLength").asText());
        assertEquals("bounce.example.org", eval(p.get("MailFromAttributes").get("MailFromDomain"), parameters(Map.of("SesDomain", "example.org"))));
        String dkim = template.get("Outputs").get("DkimRecords").get("Value").get("Fn::Sub").asText();
        for (int i = 1; i <= 3; i++) {
            assertTrue(dkim.contains("${SesIdentity.DkimDNSTokenName" + i + "} CNAME ${SesIdentity.DkimDNSTokenValue" + i + "}"), dkim);
        }
    }
}
