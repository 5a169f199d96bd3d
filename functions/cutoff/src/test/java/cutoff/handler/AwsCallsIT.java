package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import cutoff.app.Wiring;
import cutoff.mail.SesMailSender;
import cutoff.subscriber.Subscriber;
import cutoff.testing.LocalDynamo;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * {@link AwsCalls} against the code: each handler's flows run against DynamoDB Local and the SES
 * stand-in through clients that record every call (an SDK {@link ExecutionInterceptor}), as IAM would
 * authorise it: the operation's action on the table or on GSI1, each item of a {@code TransactWriteItems}
 * as its own action (the transaction itself is no IAM action), an SES {@code SendEmail} on the identity and on the configuration set it names.
 * Every recorded call must be listed for that handler, and every listed call must have been made (a
 * list wider than the code is as wrong as one narrower).
 */
class AwsCallsIT {
    private static final Pattern CONFIRM = TestStack.CONFIRM;
    private static final Pattern MANAGE = Pattern.compile("/subscriptions/manage\\?token=([A-Za-z0-9_-]{43})");
    private static final Pattern FEED = Pattern.compile("/feeds/personal/([A-Za-z0-9_-]{43})\\.ics");
    private static final String T1 = "2026-8-304af3-t1";
    private static final String T2 = "2026-8-304af3-t2";
    /** 7 days and a minute before 沪科指南〔2026〕8号's 16:30 cutoff (2026-06-03T08:30Z). */
    private static final Instant REMINDER_DUE = Instant.parse("2026-05-27T08:31:00Z");

    /** Records calls as {@link AwsCalls.Call#key()}s into whichever set is current. */
    static final class Recorder implements ExecutionInterceptor {
        private final String service;
        private final String table;
        Set<String> into = new TreeSet<>();

        Recorder(String service, String table) {
            this.service = service;
            this.table = table;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            SdkRequest request = context.request();
            if (request instanceof ScanRequest) {
                throw new AssertionError("the product never scans");
            }
            if (service.equals("s3")) {
                String key = request.getValueForField("Key", String.class).orElse("");
                assertTrue(key.startsWith(cutoff.upload.DirectUploads.PREFIX), operation + " of " + key);
                into.add("s3:" + operation + " " + AwsCalls.Resource.UPLOADS);
                return;
            }
            if (service.equals("ses")) {
                into.add("ses:" + operation + " " + (operation.equals("GetAccount") ? AwsCalls.Resource.ANY : AwsCalls.Resource.SES_IDENTITY));
                if (request instanceof SendEmailRequest send && send.configurationSetName() != null) {
                    into.add("ses:" + operation + " " + AwsCalls.Resource.SES_CONFIGURATION_SET);
                }
                return;
            }
            request.getValueForField("TableName", String.class).ifPresent(t -> assertEquals(table, t, operation));
            boolean index = request instanceof QueryRequest q && q.indexName() != null;
            if (index) {
                assertEquals("GSI1", ((QueryRequest) request).indexName());
            }
            if (request instanceof TransactWriteItemsRequest tx) {
                // No IAM action of its own: IAM authorises each item as its action (transaction-apis-iam.html).
                for (TransactWriteItem item : tx.transactItems()) {
                    String action = item.put() != null ? "PutItem" : item.update() != null ? "UpdateItem"
                            : item.delete() != null ? "DeleteItem" : "ConditionCheckItem";
                    into.add("dynamodb:" + action + " " + AwsCalls.Resource.TABLE);
                }
                return;
            }
            into.add("dynamodb:" + operation + " " + (index ? AwsCalls.Resource.GSI1 : AwsCalls.Resource.TABLE));
        }
    }

    private final TestStack stack;
    private final Recorder dynamoCalls;
    private final Recorder sesCalls;
    private final Wiring wiring;

    AwsCallsIT() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        dynamoCalls = new Recorder("dynamodb", stack.table);
        sesCalls = new Recorder("ses", null);
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(LocalDynamo.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(dynamoCalls)).build();
        SesV2Client ses = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(LocalSes.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(sesCalls)).build();
        // As on Lambda, where SES_CONFIGURATION_SET names the set that publishes bounces.
        SesMailSender sender = new SesMailSender(ses, stack.config.requireMailFrom(), "cutoff-bounces");
        wiring = new Wiring(stack.config, stack.clock, dynamo, sender, stack.clock::advance);
    }

    /** A DynamoDB Local client whose calls are recorded, and also seen by {@code also}. */
    private DynamoDbClient recordedDynamo(ExecutionInterceptor also) {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(LocalDynamo.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(dynamoCalls).addExecutionInterceptor(also)).build();
    }

    /** Starts recording into a new set. */
    private Set<String> recording() {
        Set<String> calls = new TreeSet<>();
        dynamoCalls.into = calls;
        sesCalls.into = calls;
        return calls;
    }

    private static void assertListed(Class<?> handler, Set<String> made) {
        Set<String> listed = AwsCalls.keys(handler);
        Set<String> unlisted = new TreeSet<>(made);
        unlisted.removeAll(listed);
        assertTrue(unlisted.isEmpty(), handler.getSimpleName() + " makes calls AwsCalls does not list: " + unlisted);
        Set<String> unmade = new TreeSet<>(listed);
        unmade.removeAll(made);
        assertTrue(unmade.isEmpty(), "AwsCalls lists calls " + handler.getSimpleName() + "'s flows did not make: " + unmade);
    }

    private static APIGatewayV2HTTPEvent request(String method, String pathAndQuery, String body, String contentType) {
        return TestStack.fromNewSource(Routes.event(method, pathAndQuery, contentType == null ? Map.of() : Map.of("content-type", contentType), body));
    }

    private static String last(String email, Pattern pattern) {
        List<LocalSes.Sent> mail = LocalSes.sentTo(email);
        assertFalse(mail.isEmpty(), "no email to " + email);
        Matcher m = pattern.matcher(mail.get(mail.size() - 1).text());
        assertTrue(m.find(), mail.get(mail.size() - 1).text());
        return m.group(1);
    }

    /** Subscribes and confirms through the API; returns the personal feed token. */
    private String confirmed(SubscriptionHandler api, String email, String topic) {
        APIGatewayV2HTTPResponse accepted = api.handleRequest(request("POST", "/subscriptions",
                "{\"email\":\"" + email + "\",\"topics\":[\"" + topic + "\"]}", "application/json"), null);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        APIGatewayV2HTTPResponse page = api.handleRequest(request("GET", "/subscriptions/confirm?token=" + last(email, CONFIRM),
                null, null), null);
        assertEquals(200, page.getStatusCode(), page.getBody());
        Matcher feed = FEED.matcher(page.getBody());
        assertTrue(feed.find(), page.getBody());
        return feed.group(1);
    }

    @Test
    void subscriptionHandler_makesTheCallsListed() {
        Set<String> made = recording();
        SubscriptionHandler api = new SubscriptionHandler(wiring);
        String email = TestStack.address("calls");
        assertEquals(200, api.handleRequest(request("GET", "/subscriptions", null, null), null).getStatusCode());
        confirmed(api, email, T1);
        // A confirmed address asking again (an hour on) gets a manage link.
        stack.advance(Duration.ofMinutes(61));
        assertEquals(202, api.handleRequest(request("POST", "/subscriptions",
                "{\"email\":\"" + email + "\",\"topics\":[\"" + T1 + "\"]}", "application/json"), null).getStatusCode());
        String manage = last(email, MANAGE);
        String form = "application/x-www-form-urlencoded";
        assertEquals(200, api.handleRequest(request("GET", "/subscriptions/manage?token=" + manage, null, null), null).getStatusCode());
        assertEquals(200, api.handleRequest(request("POST", "/subscriptions/manage?token=" + manage,
                "action=update&topics=" + T2 + "&leadTimes=P1D", form), null).getStatusCode());
        assertEquals(200, api.handleRequest(request("POST", "/subscriptions/manage?token=" + manage, "action=rotate", form), null)
                .getStatusCode());
        assertEquals(200, api.handleRequest(request("GET", "/subscriptions/unsubscribe?token=" + manage, null, null), null)
                .getStatusCode());
        assertEquals(200, api.handleRequest(request("POST", "/subscriptions/unsubscribe?token=" + manage,
                "List-Unsubscribe=One-Click", form), null).getStatusCode());
        assertEquals(Subscriber.Status.UNSUBSCRIBED, stack.subscribers.byEmail(email).orElseThrow().status());
        assertListed(SubscriptionHandler.class, made);
    }

    @Test
    void feedHandler_makesTheCallsListed() {
        String feedToken = confirmed(new SubscriptionHandler(wiring), TestStack.address("feeds"), T1);
        // A research office with a staff member following T1 and an internal-deadline rule: its own feed.
        cutoff.officeservice.Offices.Created office = wiring.offices().create("科研处", List.of("example.edu.cn"));
        OfficeHandler offices = new OfficeHandler(wiring);
        assertEquals(200, offices.handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff", office.apiKey(),
                "text/csv", OfficeApiIT.HEADER + TestStack.address("feed-staff") + ",,," + T1 + ",,\r\n"), null).getStatusCode());
        new DispatchHandler(wiring.dispatcher(), wiring.staffQueue()).handleRequest(Map.of(), null);
        assertEquals(200, offices.handleRequest(OfficeApiIT.request("PUT", "/orgs/" + office.office().id() + "/internal-deadlines",
                office.apiKey(), "application/json", "{\"before\":\"P3D\",\"at\":\"16:30\"}"), null).getStatusCode());
        String officeFeed = wiring.internalDeadlines().feedSecret(office.office()).orElseThrow();
        // The office's followed topics changed since the staff queue last computed them: its feed reads them from the staff.
        wiring.followedTopics().touch(office.office().id());
        Set<String> made = recording();
        FeedHandler feeds = new FeedHandler(wiring);
        for (String path : List.of("/feeds/all.ics", "/feeds/notices/2026-8-304af3.ics", "/feeds/topics/" + T1 + ".ics",
                "/feeds/personal/" + feedToken + ".ics", "/feeds/orgs/" + officeFeed + ".ics")) {
            assertEquals(200, feeds.handleRequest(request("GET", path, null, null), null).getStatusCode(), path);
        }
        assertListed(FeedHandler.class, made);
    }

    @Test
    void webHandler_makesTheCallsListed() {
        Set<String> made = recording();
        WebHandler web = new WebHandler(wiring);
        for (String path : List.of("/", "/?past=1&country=Israel", "/calls/" + T1, "/calls/" + T1 + "/event.ics", "/office",
                "/assets/cutoff.css", "/calls/2026-8-304af3-t9")) {
            int status = web.handleRequest(request("GET", path, null, null), null).getStatusCode();
            assertEquals(path.endsWith("-t9") ? 404 : 200, status, path);
        }
        assertListed(WebHandler.class, made);
    }

    @Test
    void dispatchHandler_makesTheCallsListed() {
        String email = TestStack.address("dispatch");
        confirmed(new SubscriptionHandler(wiring), email, T1);
        int before = LocalSes.sentTo(email).size();
        // A research office's new staff member, queued for a welcome (the email is sent before the reminder is due).
        cutoff.officeservice.Offices.Created office = wiring.offices().create("科研处", List.of("example.edu.cn"));
        String staff = TestStack.address("staff");
        assertEquals(200, new OfficeHandler(wiring).handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff",
                office.apiKey(), "text/csv", OfficeApiIT.HEADER + staff + ",,," + T1 + ",,\r\n"), null).getStatusCode());
        stack.clock.set(REMINDER_DUE);
        Set<String> made = recording();
        // What Lambda's constructor does: the dispatcher and the staff queue at a share of SES's MaxSendRate (GetAccount).
        DispatchHandler handler = new DispatchHandler(wiring.dispatcher(), wiring.staffQueue());
        Map<String, Object> report = handler.handleRequest(Map.of(), null);
        assertEquals(1, report.get("emails"), report.toString());
        assertEquals(1, report.get("welcomed"), report.toString());
        assertEquals(before + 1, LocalSes.sentTo(email).size());
        assertEquals(1, LocalSes.sentTo(staff).size());
        assertListed(DispatchHandler.class, made);
    }

    @Test
    void officeHandler_makesTheCallsListed() {
        cutoff.officeservice.Offices.Created office = wiring.offices().create("科研处", List.of("example.edu.cn"));
        OfficeHandler api = new OfficeHandler(wiring);
        String base = "/orgs/" + office.office().id() + "/staff";
        String staff = TestStack.address("office-calls");
        Set<String> made = recording();
        assertEquals(200, api.handleRequest(OfficeApiIT.request("POST", base, office.apiKey(), "text/csv",
                OfficeApiIT.HEADER + staff + ",,," + T1 + ",,\r\n"), null).getStatusCode());
        // The welcome (the dispatcher's calls, not recorded here) gives the person a feed token and reminders.
        recording();
        new DispatchHandler(wiring.dispatcher(), wiring.staffQueue()).handleRequest(Map.of(), null);
        dynamoCalls.into = made;
        sesCalls.into = made;
        assertEquals(200, api.handleRequest(OfficeApiIT.request("POST", base, office.apiKey(), "application/json",
                "{\"staff\":[{\"email\":\"" + staff + "\",\"topics\":[\"" + T2 + "\",\"all\"]}]}"), null).getStatusCode());
        assertEquals(200, api.handleRequest(OfficeApiIT.request("GET", base, office.apiKey(), null, null), null).getStatusCode());
        assertEquals(200, api.handleRequest(OfficeApiIT.request("GET", base + ".csv", office.apiKey(), null, null), null).getStatusCode());
        String officePath = "/orgs/" + office.office().id();
        assertEquals(200, api.handleRequest(OfficeApiIT.request("GET", "/orgs", office.apiKey(), null, null), null).getStatusCode());
        assertEquals(200, api.handleRequest(OfficeApiIT.request("POST", officePath + "/feed", office.apiKey(), null, null), null).getStatusCode());
        assertEquals(200, api.handleRequest(OfficeApiIT.request("PUT", officePath + "/internal-deadlines", office.apiKey(), "application/json",
                "{\"before\":\"P3D\",\"at\":\"16:30\"}"), null).getStatusCode());
        assertEquals(200, api.handleRequest(OfficeApiIT.request("PUT", officePath + "/topics/" + T1 + "/internal-deadline", office.apiKey(),
                "application/json", "{\"at\":\"2026-06-01T12:00:00+08:00\"}"), null).getStatusCode());
        assertEquals(204, api.handleRequest(OfficeApiIT.request("DELETE", officePath + "/topics/" + T1 + "/internal-deadline", office.apiKey(),
                null, null), null).getStatusCode());
        assertEquals(204, api.handleRequest(OfficeApiIT.request("DELETE", officePath + "/internal-deadlines", office.apiKey(), null, null), null)
                .getStatusCode());
        assertEquals(204, api.handleRequest(OfficeApiIT.request("DELETE", base + "/" + staff, office.apiKey(), null, null), null)
                .getStatusCode());
        assertListed(OfficeHandler.class, made);
    }

    @Test
    void noticeUploadHandler_makesTheCallsListed_onDraftAndRecordItemsOnlyUntilItPublishes() throws Exception {
        List<Map<String, AttributeValue>> keys = new java.util.ArrayList<>();
        ExecutionInterceptor itemsTouched = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest get) {
                    keys.add(get.key());
                } else if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest put) {
                    keys.add(Map.of("PK", put.item().get("PK")));
                }
            }
        };
        // A research office's staff member who follows every new call (rule "all"), welcomed before recording starts:
        // publishing gives them the new topic and plans their reminders.
        cutoff.officeservice.Offices.Created office = stack.wiring().offices().create("科研处", List.of("example.edu.cn"));
        assertEquals(200, new OfficeHandler(stack.wiring()).handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id()
                + "/staff", office.apiKey(), "text/csv", String.join(",", cutoff.office.StaffCsv.COLUMNS) + "\r\n"
                + "follower@example.edu.cn,,,all,,\r\n"), null).getStatusCode());
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
        Set<String> made = recording();
        DynamoDbClient recorded = recordedDynamo(itemsTouched);
        NoticeUploadHandler api = new NoticeUploadHandler(new Wiring(stack.config, stack.clock, recorded, null));
        APIGatewayV2HTTPResponse draft = api.handleRequest(cutoff.testing.Project.event("notice-upload.json"), null);
        assertEquals(201, draft.getStatusCode(), draft.getBody());
        APIGatewayV2HTTPEvent get = cutoff.testing.Project.event("notice-draft.json");
        String id = draft.getHeaders().get("Location").substring("/notices/drafts/".length());
        get.setPathParameters(Map.of("draftId", id));
        assertEquals(200, api.handleRequest(get, null).getStatusCode());
        // Until it publishes, an upload and a read touch the draft's item and the notice's record, nothing else.
        assertEquals(3, keys.size(), keys.toString());
        keys.forEach(k -> assertTrue(k.get("PK").s().startsWith("DRAFT#") || k.get("PK").s().startsWith("AUDIT#"), k.toString()));

        // Publishing (an editor's draft) runs an ingest: the calls of ./cutoff ingest, from this function's role.
        APIGatewayV2HTTPEvent upload = cutoff.testing.Project.event("notice-upload.json");
        upload.getRequestContext().getAuthorizer().setLambda(new java.util.HashMap<>(Map.of("editorId", "ed_0123456789abcdef0123")));
        String editors = api.handleRequest(upload, null).getHeaders().get("Location").substring("/notices/drafts/".length());
        APIGatewayV2HTTPEvent publish = cutoff.testing.Project.event("notice-draft-publish.json");
        publish.getRequestContext().getAuthorizer().setLambda(new java.util.HashMap<>(Map.of("editorId", "ed_0123456789abcdef0123")));
        publish.setPathParameters(Map.of("draftId", editors));
        APIGatewayV2HTTPResponse published = api.handleRequest(publish, null);
        assertEquals(200, published.getStatusCode(), published.getBody());
        assertTrue(published.getBody().contains("\"followersGivenTopics\":1"), published.getBody());
        // The notice again, its cutoff a day later: the deadline moves, its follower's reminders are planned again.
        APIGatewayV2HTTPEvent revised = cutoff.testing.Project.event("notice-upload.json");
        revised.setBody(java.util.Base64.getEncoder().encodeToString(new String(java.util.Base64.getDecoder().decode(revised.getBody()),
                java.nio.charset.StandardCharsets.UTF_8).replace("3月5日", "3月6日").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        revised.getRequestContext().getAuthorizer().setLambda(new java.util.HashMap<>(Map.of("editorId", "ed_0123456789abcdef0123")));
        publish.setPathParameters(Map.of("draftId", api.handleRequest(revised, null).getHeaders().get("Location")
                .substring("/notices/drafts/".length())));
        APIGatewayV2HTTPResponse moved = api.handleRequest(publish, null);
        assertTrue(moved.getBody().contains("\"moved\":1"), moved.getBody());
        // Withdrawn: the deadlines cancelled in one transaction, the follower's reminders cancelled, a withdrawal
        // email queued, the record appended to.
        APIGatewayV2HTTPEvent withdraw = cutoff.testing.Project.event("notice-withdraw.json");
        String noticeId = moved.getBody().replaceAll(".*\"noticeId\":\"([^\"]+)\".*", "$1");
        withdraw.setPathParameters(Map.of("noticeId", noticeId));
        APIGatewayV2HTTPResponse withdrawn = api.handleRequest(withdraw, null);
        assertEquals(200, withdrawn.getStatusCode(), withdrawn.getBody());
        assertTrue(withdrawn.getBody().contains("\"alreadyWithdrawn\":false"), withdrawn.getBody());
        // An office's relay of a call that is not public, with the office's own date: stored for the office, its
        // internal deadline set, its staff member given the topic and planned (upload.Relays).
        Map<String, String> byOffice = Map.of("orgId", office.office().id());
        APIGatewayV2HTTPEvent relay = cutoff.testing.Project.event("notice-upload.json");
        relay.setBody(java.util.Base64.getEncoder().encodeToString(new String(java.util.Base64.getDecoder().decode(relay.getBody()),
                java.nio.charset.StandardCharsets.UTF_8).replace("1号", "2号").replace("科技计划", "合作").replace("示例科学技术委员会\n",
                "请于2027年3月1日17:00前将申报材料报送科研处。\n示例科学技术委员会\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        relay.getRequestContext().getAuthorizer().setLambda(new java.util.HashMap<>(byOffice));
        APIGatewayV2HTTPEvent relayPublish = cutoff.testing.Project.event("notice-draft-publish.json");
        relayPublish.getRequestContext().getAuthorizer().setLambda(new java.util.HashMap<>(byOffice));
        relayPublish.setPathParameters(Map.of("draftId", api.handleRequest(relay, null).getHeaders().get("Location")
                .substring("/notices/drafts/".length())));
        APIGatewayV2HTTPResponse relayed = api.handleRequest(relayPublish, null);
        assertEquals(200, relayed.getStatusCode(), relayed.getBody());
        assertTrue(relayed.getBody().contains("\"attachedTo\":null") && relayed.getBody().contains("\"staffGivenTopics\":1")
                        && relayed.getBody().contains("\"source\":\"relay\""),
                relayed.getBody());
        // A file straight to S3 (the S3 stand-in): the PUT the uploader makes with the presigned URL is the role's
        // s3:PutObject (S3 authorises a presigned request as its signer); the function reads the object and deletes it.
        Recorder s3Calls = new Recorder("s3", null);
        s3Calls.into = made;
        cutoff.testing.S3StandIn s3 = cutoff.testing.LocalS3.standIn();
        var local = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("S3RVER", "S3RVER"));
        cutoff.upload.UploadBucket bucket = new cutoff.upload.UploadBucket(software.amazon.awssdk.services.s3.S3Client.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(java.net.URI.create(s3.endpoint()))
                .forcePathStyle(true).credentialsProvider(local)
                .overrideConfiguration(c -> c.addExecutionInterceptor(s3Calls)).build(),
                software.amazon.awssdk.services.s3.presigner.S3Presigner.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .endpointOverride(java.net.URI.create(s3.endpoint())).credentialsProvider(local)
                        .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                        .build(), s3.bucket());
        NoticeUploadHandler direct = new NoticeUploadHandler(new Wiring(stack.config, stack.clock, recorded, null), bucket);
        APIGatewayV2HTTPEvent offer = Routes.event("POST", "/notices/uploads", Map.of("content-type", "application/json"), null);
        byte[] file = java.util.Base64.getDecoder().decode(cutoff.testing.Project.event("notice-upload.json").getBody());
        offer.setBody("{\"bytes\": " + file.length + "}");
        offer.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(new java.util.HashMap<>(byOffice)).build());
        APIGatewayV2HTTPResponse offered = direct.handleRequest(offer, null);
        assertEquals(201, offered.getStatusCode(), offered.getBody());
        String url = offered.getBody().replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
        java.net.http.HttpResponse<String> put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        made.add("s3:PutObject " + AwsCalls.Resource.UPLOADS);
        APIGatewayV2HTTPEvent take = Routes.event("POST", offered.getHeaders().get("Location"), Map.of(), null);
        take.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(new java.util.HashMap<>(byOffice)).build());
        APIGatewayV2HTTPResponse taken = direct.handleRequest(take, null);
        assertEquals(201, taken.getStatusCode(), taken.getBody());
        assertListed(NoticeUploadHandler.class, made);
    }

    @Test
    void officeAuthorizer_makesTheCallsListed_onTheKeysItemOnly() {
        cutoff.officeservice.Offices.Created office = wiring.offices().create("科研处", List.of("example.edu.cn"));
        List<Map<String, AttributeValue>> keys = new java.util.ArrayList<>();
        ExecutionInterceptor keysRead = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest get) {
                    keys.add(get.key());
                }
            }
        };
        Set<String> made = recording();
        DynamoDbClient recorded = recordedDynamo(keysRead);
        cutoff.upload.Editors.Created editor = new cutoff.upload.Editors(new cutoff.store.EditorStore(stack.dynamo, stack.table),
                stack.clock).create("编辑", null);
        OfficeAuthorizer authorizer = new OfficeAuthorizer(new cutoff.store.OfficeStore(recorded, stack.table),
                new cutoff.store.EditorStore(recorded, stack.table));
        assertEquals(Map.of("isAuthorized", true, "context", Map.of("orgId", office.office().id())),
                authorizer.handleRequest(Map.of("headers", Map.of("authorization", "Bearer " + office.apiKey())), null));
        assertEquals(Map.of("isAuthorized", true, "context", Map.of("editorId", editor.editor().id())),
                authorizer.handleRequest(Map.of("headers", Map.of("authorization", "Bearer " + editor.key())), null));
        assertEquals(Map.of("isAuthorized", false),
                authorizer.handleRequest(Map.of("headers", Map.of("authorization", "Bearer cutoff_" + "x".repeat(43))), null));
        assertListed(OfficeAuthorizer.class, made);
        // What the role's dynamodb:LeadingKeys condition (ORGKEY#*, EDKEY#*) allows: every item read is a key's.
        assertEquals(3, keys.size());
        keys.forEach(k -> assertTrue(k.get("PK").s().startsWith("ORGKEY#") || k.get("PK").s().startsWith("EDKEY#"), k.toString()));
    }

    @Test
    void sesNotificationHandler_makesTheCallsListed() throws Exception {
        String email = TestStack.address("bounce");
        confirmed(new SubscriptionHandler(wiring), email, T1);
        Path event = Files.createTempFile("ses-bounce", ".json");
        try {
            Files.writeString(event, Files.readString(Project.root().resolve("events/ses-bounce-permanent.json"), StandardCharsets.UTF_8)
                    .replace("bounce@example.edu.cn", email), StandardCharsets.UTF_8);
            Set<String> made = recording();
            SesNotificationHandler handler = new SesNotificationHandler(wiring.subscribers(), wiring.planner(), wiring.clock());
            assertEquals("1 suppressed, 0 ignored", handler.handleRequest(EventLoader.loadSNSEvent(event.toString()), null));
            assertListed(SesNotificationHandler.class, made);
        } finally {
            Files.deleteIfExists(event);
        }
        assertEquals(Subscriber.Status.SUPPRESSED, stack.subscribers.byEmail(email).orElseThrow().status());
    }
}
