package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.http.RequestSource;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import cutoff.app.Config;
import cutoff.store.CutoffTable;
import java.util.ArrayList;
import java.util.List;
import cutoff.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** template.yaml against the code: handlers, environment variables, the table and its index. */
class TemplateTest {
    private final JsonNode template = read();

    private static JsonNode read() {
        try {
            // Jackson's YAML reader keeps the value of a tagged node (!Ref X reads as "X").
            return new ObjectMapper(new YAMLFactory()).readTree(Project.root().resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, JsonNode> functions() {
        Map<String, JsonNode> result = new java.util.LinkedHashMap<>();
        template.get("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().get("Type").asText().equals("AWS::Serverless::Function")) {
                result.put(e.getKey(), e.getValue());
            }
        });
        return result;
    }

    @Test
    void everyHandler_isAClassWithItsMethod() throws Exception {
        assertFalse(functions().isEmpty());
        for (var f : functions().entrySet()) {
            String handler = f.getValue().get("Properties").get("Handler").asText();
            String[] parts = handler.split("::");
            Class<?> type = Class.forName(parts[0]);
            assertTrue(RequestHandler.class.isAssignableFrom(type), handler);
            assertTrue(Stream.of(type.getMethods()).anyMatch(m -> m.getName().equals(parts[1])), handler);
            type.getConstructor();
        }
        String codeUri = template.get("Globals").get("Function").get("CodeUri").asText();
        assertTrue(Files.exists(Project.root().resolve(codeUri).resolve("pom.xml")), "CodeUri " + codeUri + " builds");
    }

    @Test
    void everyVariableTheConfigurationReads_isSetForEveryFunction() {
        JsonNode global = template.get("Globals").get("Function").get("Environment").get("Variables");
        for (var f : functions().entrySet()) {
            JsonNode own = f.getValue().get("Properties").path("Environment").path("Variables");
            for (String name : Config.TEMPLATE_VARIABLES) {
                assertTrue(global.has(name) || own.has(name), f.getKey() + " lacks " + name);
            }
        }
        assertEquals("CutoffTable", global.get(Config.TABLE).asText(), "the table comes from !Ref");
    }

    @Test
    void theSecrets_areHeldByTheSubscriptionFunctionOnly_andTheVerifyValueIsTheOneTheCdnSends() {
        JsonNode global = template.get("Globals").get("Function").get("Environment").get("Variables");
        for (String name : List.of(Config.ABUSE_SECRET, Config.CDN_ORIGIN_VERIFY)) {
            assertEquals("", global.get(name).asText(), name + " is empty for every function but the one that needs it");
            for (var f : functions().entrySet()) {
                boolean own = f.getValue().get("Properties").path("Environment").path("Variables").has(name);
                assertEquals(f.getKey().equals("SubscriptionFunction"), own, f.getKey() + " and " + name);
            }
        }
        // Jackson's YAML reader drops tags: !If [CdnOn, !Sub "…", ""] reads as its list.
        JsonNode verify = functions().get("SubscriptionFunction").get("Properties").get("Environment").get("Variables")
                .get(Config.CDN_ORIGIN_VERIFY);
        assertEquals("CdnOn", verify.get(0).asText());
        assertEquals("", verify.get(2).asText());
        JsonNode header = template.get("Resources").get("FeedsCdn").get("Properties").get("DistributionConfig").get("Origins")
                .get(0).get("OriginCustomHeaders").get(0);
        assertTrue(header.get("HeaderName").asText().equalsIgnoreCase(RequestSource.ORIGIN_VERIFY_HEADER), header.toString());
        assertEquals(header.get("HeaderValue").asText(), verify.get(1).asText(), "the function compares with what CloudFront sends");
        assertTrue(verify.get(1).asText().startsWith("{{resolve:secretsmanager:"), "a dynamic reference: the role needs no Secrets Manager access");
    }

    @Test
    void theUploadBucket_isPrivateEncryptedAndEmptiedWithinADay_andOnlyTheUploadAndWebFunctionsNameIt() {
        JsonNode bucket = template.get("Resources").get("NoticeUploadBucket");
        assertEquals("AWS::S3::Bucket", bucket.get("Type").asText());
        assertEquals("Retain", bucket.get("DeletionPolicy").asText(), "as the table");
        assertEquals("Retain", bucket.get("UpdateReplacePolicy").asText());
        JsonNode p = bucket.get("Properties");
        p.get("PublicAccessBlockConfiguration").fields().forEachRemaining(f -> assertTrue(f.getValue().asBoolean(), f.getKey()));
        assertEquals(4, p.get("PublicAccessBlockConfiguration").size());
        assertEquals("AES256", p.get("BucketEncryption").get("ServerSideEncryptionConfiguration").get(0)
                .get("ServerSideEncryptionByDefault").get("SSEAlgorithm").asText());
        JsonNode rule = p.get("LifecycleConfiguration").get("Rules").get(0);
        assertEquals(cutoff.upload.DirectUploads.PREFIX, rule.get("Prefix").asText(), "the prefix the code writes under");
        assertEquals(1, rule.get("ExpirationInDays").asInt());
        assertEquals("Enabled", rule.get("Status").asText());
        // Jackson's YAML reader drops tags: !If [HasSiteOrigin, {CorsRules}, NoValue] reads as its list.
        JsonNode cors = p.get("CorsConfiguration").get(1).get("CorsRules");
        assertEquals(1, cors.size());
        assertEquals("[\"PUT\"]", cors.get(0).get("AllowedMethods").toString(), "the page PUTs, nothing else");
        assertEquals(1, cors.get(0).get("AllowedOrigins").size(), "the site's one origin");
        JsonNode global = template.get("Globals").get("Function").get("Environment").get("Variables");
        for (String name : List.of(Config.UPLOAD_BUCKET, Config.S3_ENDPOINT)) {
            assertFalse(global.has(name), name);
            for (var f : functions().entrySet()) {
                boolean own = f.getValue().get("Properties").path("Environment").path("Variables").has(name);
                // The web function names it too, for the upload page's Content-Security-Policy (no access: TemplatePermissionsTest).
                assertEquals(Set.of("NoticeUploadFunction", "WebFunction").contains(f.getKey()), own, f.getKey() + " and " + name);
            }
        }
        for (String function : List.of("NoticeUploadFunction", "WebFunction")) {
            assertEquals("NoticeUploadBucket", functions().get(function).get("Properties").get("Environment")
                    .get("Variables").get(Config.UPLOAD_BUCKET).asText(), function);
        }
    }

    @Test
    void onlyTheConfigurationClass_readsTheEnvironment() throws IOException {
        Path src = Project.root().resolve("functions/cutoff/src/main/java");
        List<String> readers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).contains("System.getenv")) {
                    readers.add(src.relativize(file).toString());
                }
            }
        }
        assertEquals(List.of("cutoff/app/Config.java"), readers);
    }

    @Test
    void theApisRoutes_areTheOnesTheHandlersServe() {
        Map<String, List<String>> expected = Map.of("FeedFunction", Routes.FEEDS, "SubscriptionFunction", Routes.SUBSCRIPTIONS,
                "OfficeFunction", Routes.OFFICES, "NoticeUploadFunction", Routes.NOTICES, "WebFunction", Routes.WEB);
        for (var f : expected.entrySet()) {
            List<String> declared = new ArrayList<>();
            functions().get(f.getKey()).get("Properties").get("Events").elements().forEachRemaining(ev -> {
                assertEquals("HttpApi", ev.get("Type").asText());
                assertEquals("ANY", ev.get("Properties").get("Method").asText(), "the handler answers 405 itself");
                declared.add(ev.get("Properties").get("Path").asText());
            });
            assertEquals(f.getValue(), declared, f.getKey());
        }
    }

    @Test
    void aFailedDispatcherRun_endsInAQueue_andEveryFailurePathAlarmsTheAlarmTopic() {
        JsonNode resources = template.get("Resources");
        JsonNode dispatch = functions().get("DispatchFunction").get("Properties");
        // Jackson's YAML reader keeps a tagged value's text: !GetAtt X.Arn reads as "X.Arn".
        assertEquals("DispatchFailures.Arn", dispatch.get("EventInvokeConfig").get("DestinationConfig").get("OnFailure")
                .get("Destination").asText());
        JsonNode schedule = dispatch.get("Events").get("EveryFiveMinutes").get("Properties");
        assertTrue(schedule.get("RetryPolicy").get("MaximumRetryAttempts").asInt() > 0);
        assertTrue(schedule.get("DeadLetterConfig").get("Arn").asText().startsWith("ScheduleDeadLetters"));
        Set<String> watched = new HashSet<>();
        Set<String> metrics = new HashSet<>();
        resources.fields().forEachRemaining(r -> {
            if (r.getValue().get("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                JsonNode p = r.getValue().get("Properties");
                metrics.add(p.path("Namespace").asText() + ":" + p.path("MetricName").asText());
                assertEquals("AlarmTopic", p.get("AlarmActions").get(0).asText(), r.getKey());
                assertFalse(p.get("AlarmDescription").asText().isBlank(), r.getKey() + " says what to do");
                p.path("Dimensions").forEach(d -> watched.add(d.get("Value").asText()));
            }
        });
        assertTrue(watched.containsAll(Set.of("DispatchFunction", "DispatchFailures.QueueName", "ScheduleDeadLetters.QueueName",
                "CutoffApi")), watched.toString());
        assertTrue(metrics.containsAll(Set.of("AWS/SES:Reputation.BounceRate", "AWS/SES:Reputation.ComplaintRate", "AWS/ApiGateway:5xx",
                "AWS/Lambda:Errors")), metrics.toString());
    }

    @Test
    void theAlarmsOnCutoffsMetrics_nameMetricsTheCodeWrites() {
        Set<String> named = new HashSet<>();
        template.get("Resources").fields().forEachRemaining(r -> {
            JsonNode p = r.getValue().path("Properties");
            if (r.getValue().get("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                if (p.path("Namespace").asText().equals(cutoff.metrics.Metrics.NAMESPACE)) {
                    named.add(p.get("MetricName").asText());
                }
                p.path("Metrics").forEach(m -> {
                    JsonNode metric = m.path("MetricStat").path("Metric");
                    if (metric.path("Namespace").asText().equals(cutoff.metrics.Metrics.NAMESPACE)) {
                        named.add(metric.get("MetricName").asText());
                    }
                });
            }
        });
        assertTrue(named.containsAll(Set.of("RemindersFailed", "Lateness", "Backlog")), named.toString());
        assertTrue(cutoff.metrics.EmfMetrics.NAMES.containsAll(named), "alarms on metrics nobody writes: " + named);
        // Written by the code: EMF, and the metric filters on the feed function's lines (LogLinesIT matches those).
        Set<String> written = new HashSet<>(cutoff.metrics.EmfMetrics.NAMES);
        template.get("Resources").forEach(r -> {
            if (r.get("Type").asText().equals("AWS::Logs::MetricFilter")) {
                written.add(r.get("Properties").get("MetricTransformations").get(0).get("MetricName").asText());
            }
        });
        assertTrue(written.containsAll(Set.of("FeedsServed", "FeedsNotModified")), written.toString());
        String dashboard = template.get("Resources").get("OperationsDashboard").get("Properties").get("DashboardBody").asText();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[\"Cutoff\", \"(\\w+)\"|\\[\"\\.\", \"(\\w+)\"").matcher(dashboard);
        Set<String> shown = new HashSet<>();
        while (m.find()) {
            String metric = m.group(1) != null ? m.group(1) : m.group(2);
            assertTrue(written.contains(metric), "the dashboard shows " + metric + ", which nobody writes");
            shown.add(metric);
        }
        assertEquals(written, shown, "the dashboard shows every metric Cutoff writes");
    }

    @Test
    void everyFunction_logsJson_withLevelsLambdaFilters() {
        JsonNode global = template.get("Globals").get("Function").path("LoggingConfig");
        for (var f : functions().entrySet()) {
            JsonNode own = f.getValue().get("Properties").path("LoggingConfig");
            JsonNode format = own.has("LogFormat") ? own.get("LogFormat") : global.get("LogFormat");
            assertEquals("JSON", format == null ? null : format.asText(), f.getKey());
            assertTrue(template.get("Resources").has(f.getKey() + "LogGroup"), f.getKey() + " has a log group with a retention");
            // The template's group, named through LoggingConfig so Lambda never makes /aws/lambda/<name> itself (the
            // SnapStart version publish runs the function's init before a group made after it would exist).
            assertEquals(f.getKey() + "LogGroup", own.path("LogGroup").asText(), f.getKey() + " names its group");
            JsonNode group = template.get("Resources").get(f.getKey() + "LogGroup");
            assertTrue(group.get("Properties").get("RetentionInDays").asInt() > 0);
            assertFalse(group.get("Properties").get("LogGroupName").asText().contains("${" + f.getKey() + "}"),
                    "a group named after its function would be a cycle");
        }
        assertEquals("INFO", global.get("ApplicationLogLevel").asText(), "the code's INFO lines (runs, bounces, feeds) are kept");
    }

    @Test
    void snapStartVersions_followEveryPropertyChange() {
        JsonNode globals = template.get("Globals").get("Function");
        assertEquals("PublishedVersions", globals.get("SnapStart").get("ApplyOn").asText());
        assertEquals("live", globals.get("AutoPublishAlias").asText());
        assertTrue(globals.get("AutoPublishAliasAllProperties").asBoolean(),
                "a new timeout, memory or environment must publish a new version behind live");
    }

    @Test
    void theTableAndIndexTheCodeUses_areDeclared() {
        JsonNode table = template.get("Resources").get("CutoffTable").get("Properties");
        Set<String> attributes = new HashSet<>();
        table.get("AttributeDefinitions").forEach(a -> attributes.add(a.get("AttributeName").asText()));
        assertEquals(Set.copyOf(CutoffTable.KEY_ATTRIBUTES), attributes);
        assertEquals(CutoffTable.PK, table.get("KeySchema").get(0).get("AttributeName").asText());
        assertEquals(CutoffTable.SK, table.get("KeySchema").get(1).get("AttributeName").asText());
        JsonNode gsi = table.get("GlobalSecondaryIndexes").get(0);
        assertEquals(CutoffTable.GSI1, gsi.get("IndexName").asText());
        assertEquals(CutoffTable.GSI1PK, gsi.get("KeySchema").get(0).get("AttributeName").asText());
        assertEquals("ALL", gsi.get("Projection").get("ProjectionType").asText());
        assertTrue(table.get("PointInTimeRecoverySpecification").get("PointInTimeRecoveryEnabled").asBoolean());
    }

    @Test
    void theTable_expiresPendingRecordsByTtl_andTheDispatcherRunsEveryFiveMinutes() {
        JsonNode ttl = template.get("Resources").get("CutoffTable").get("Properties").get("TimeToLiveSpecification");
        assertEquals("expiresAt", ttl.get("AttributeName").asText());
        JsonNode schedule = functions().get("DispatchFunction").get("Properties").get("Events").elements().next();
        assertEquals("ScheduleV2", schedule.get("Type").asText());
        assertEquals("rate(5 minutes)", schedule.get("Properties").get("ScheduleExpression").asText());
        assertEquals("SNS", functions().get("BounceFunction").get("Properties").get("Events").elements().next().get("Type").asText());
    }

    @Test
    void everyRoute_hasASampleEvent() {
        Set<String> sampled = new HashSet<>();
        try (Stream<Path> files = Files.list(Project.root().resolve("events"))) {
            files.filter(f -> !f.getFileName().toString().startsWith("ses-") && !f.getFileName().toString().startsWith("dispatch-")
                            && !f.getFileName().toString().startsWith("authorizer-"))
                    .forEach(f -> sampled.add(Project.event(f.getFileName().toString()).getRouteKey()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> otherSamples = Map.of("ScheduleV2", "dispatch-schedule.json", "SNS", "ses-bounce-permanent.json");
        for (JsonNode f : functions().values()) {
            Iterator<JsonNode> events = f.get("Properties").path("Events").elements();
            while (events.hasNext()) {
                JsonNode event = events.next();
                JsonNode p = event.get("Properties");
                if (event.get("Type").asText().equals("HttpApi")) {
                    String route = p.get("Method").asText() + " " + p.get("Path").asText();
                    assertTrue(sampled.contains(route), "no sample event in events/ for " + route);
                } else {
                    String sample = otherSamples.get(event.get("Type").asText());
                    assertTrue(sample != null && Files.exists(Project.root().resolve("events").resolve(sample)),
                            "no sample event for a " + event.get("Type").asText() + " event");
                }
            }
        }
    }

    @Test
    void everyFunction_runsOnArm64() {
        assertEquals("[\"arm64\"]", template.get("Globals").get("Function").get("Architectures").toString());
        for (var f : functions().entrySet()) {
            assertFalse(f.getValue().get("Properties").has("Architectures"), f.getKey() + " keeps the global architecture");
        }
    }

    @Test
    void theOfficeRoutes_andOnlyThey_passTheOfficeKeyAuthorizer() {
        JsonNode key = template.get("Resources").get("CutoffApi").get("Properties").get("Auth").get("Authorizers").get("OfficeKey");
        assertEquals("OfficeAuthorizerFunction.Alias", key.get("FunctionArn").asText(), "the SnapStart alias, as the routes' integrations");
        assertEquals("2.0", key.get("AuthorizerPayloadFormatVersion").asText());
        assertTrue(key.get("EnableSimpleResponses").asBoolean(), "OfficeAuthorizer answers {isAuthorized, context}");
        assertEquals("[\"Authorization\"]", key.get("Identity").get("Headers").toString());
        assertEquals(60, key.get("Identity").get("ReauthorizeEvery").asInt(), "a decision is cached a minute, keyed on the header");
        assertEquals("cutoff.handler.OfficeAuthorizer::handleRequest",
                functions().get("OfficeAuthorizerFunction").get("Properties").get("Handler").asText());
        for (var f : functions().entrySet()) {
            f.getValue().get("Properties").path("Events").fields().forEachRemaining(ev -> {
                JsonNode auth = ev.getValue().get("Properties").path("Auth");
                if (f.getKey().equals("OfficeFunction") || f.getKey().equals("NoticeUploadFunction")) {
                    assertEquals("OfficeKey", auth.path("Authorizer").asText(), ev.getKey() + " is an office route");
                } else {
                    assertTrue(auth.isMissingNode(), f.getKey() + " " + ev.getKey() + " is public (docs/http-api.md: who may call what)");
                }
            });
        }
    }

    @Test
    void theKeyAndTheSecrets_outliveTheStack_andEveryOtherStatefulResourceSaysWhatHappens() {
        for (String kept : List.of("CutoffTable", "SesNotificationsKey", "AbuseSecret", "CdnOriginVerify")) {
            JsonNode r = template.get("Resources").get(kept);
            assertEquals("Retain", r.path("DeletionPolicy").asText(), kept);
            assertEquals("Retain", r.path("UpdateReplacePolicy").asText(), kept);
        }
        // What cfn-lint's I3011 asks of: an explicit choice on every stateful resource.
        Set<String> stateful = Set.of("AWS::DynamoDB::Table", "AWS::KMS::Key", "AWS::SecretsManager::Secret", "AWS::Logs::LogGroup", "AWS::SQS::Queue");
        template.get("Resources").fields().forEachRemaining(r -> {
            if (stateful.contains(r.getValue().get("Type").asText())) {
                assertTrue(r.getValue().has("DeletionPolicy") && r.getValue().has("UpdateReplacePolicy"), r.getKey());
            }
        });
    }

    @Test
    void samconfig_deploysWithTheTemplatesOwnDefaults_andAsksOnlyForWhatHasNone() throws IOException {
        String config = Files.readString(Project.root().resolve("samconfig.toml"));
        assertTrue(config.contains("capabilities = \"CAPABILITY_IAM\""), "the roles the template makes");
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^parameter_overrides = \"(.*)\"$").matcher(config);
        assertTrue(line.find(), "samconfig.toml sets parameter_overrides");
        java.util.regex.Matcher pair = java.util.regex.Pattern.compile("(\\w+)=\\\\\"([^\\\\]*)\\\\\"").matcher(line.group(1));
        Map<String, String> overrides = new java.util.LinkedHashMap<>();
        while (pair.find()) {
            overrides.put(pair.group(1), pair.group(2));
        }
        Map<String, String> defaults = new java.util.LinkedHashMap<>();
        template.get("Parameters").fields().forEachRemaining(p -> {
            if (p.getValue().has("Default")) {
                defaults.put(p.getKey(), p.getValue().get("Default").asText());
            }
        });
        assertEquals(defaults, overrides, "every parameter with a default, at that default; none without one");
    }

    @Test
    void theOfficeRoutes_areThrottledMoreTightlyThanTheDefault() {
        JsonNode api = template.get("Resources").get("CutoffApi").get("Properties");
        double defaultRate = api.get("DefaultRouteSettings").get("ThrottlingRateLimit").asDouble();
        for (String route : java.util.stream.Stream.concat(Routes.OFFICES.stream(), Routes.NOTICES.stream()).toList()) {
            JsonNode settings = api.path("RouteSettings").path("ANY " + route);
            assertTrue(settings.has("ThrottlingRateLimit") && settings.has("ThrottlingBurstLimit"), "no throttling on " + route);
            assertTrue(settings.get("ThrottlingRateLimit").asDouble() < defaultRate, route);
        }
    }
}
