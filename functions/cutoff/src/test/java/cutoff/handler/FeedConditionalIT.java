package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.app.Wiring;
import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.notice.Window;
import cutoff.testing.LocalDynamo;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A conditional request for a public feed is answered from the feed's stamp: one GetItem, no Query, no render. */
class FeedConditionalIT {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private TestStack stack;
    private FeedHandler handler;

    @BeforeEach
    void stack() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        DynamoDbClient recording = DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(LocalDynamo.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                })).build();
        handler = new FeedHandler(new Wiring(stack.config, stack.clock, recording, stack.ses));
    }

    private APIGatewayV2HTTPResponse get(String path, Map<String, String> headers) {
        calls.clear();
        return handler.handleRequest(Routes.event("GET", path, headers, null), null);
    }

    @Test
    void aCurrentEtag_gets304FromOneGetItem_forEveryPublicFeed() {
        for (String path : List.of("/feeds/all.ics", "/feeds/notices/2026-8-304af3.ics", "/feeds/topics/2026-8-304af3-t2.ics")) {
            for (String encoding : List.of("identity", "gzip")) {
                APIGatewayV2HTTPResponse first = get(path, Map.of("accept-encoding", encoding));
                assertEquals(200, first.getStatusCode(), path);
                String etag = first.getHeaders().get("ETag");
                APIGatewayV2HTTPResponse again = get(path, Map.of("accept-encoding", encoding, "if-none-match", etag));
                assertEquals(304, again.getStatusCode(), path + " " + encoding);
                assertEquals(etag, again.getHeaders().get("ETag"));
                assertEquals(List.of("GetItem"), calls, "no Query and no render for a 304: " + path);
            }
        }
    }

    @Test
    void aReingestThatMovesADeadline_changesTheEtag_ofItsNoticeAndOfAll_butNotOfAnotherNotice() throws Exception {
        String noticeTag = get("/feeds/notices/2026-8-304af3.ics", Map.of()).getHeaders().get("ETag");
        String allTag = get("/feeds/all.ics", Map.of()).getHeaders().get("ETag");
        String otherTag = get("/feeds/notices/2023-4-82277d.ics", Map.of()).getHeaders().get("ETag");
        Notice n = Project.shippedNotice("2026-8-304af3");
        Topic t = n.topics().get(0);
        Window moved = new Window(t.window().opens(), t.window().closes().plusDays(7), t.window().zone());
        List<Topic> topics = new ArrayList<>(n.topics());
        topics.set(0, new Topic(t.id(), t.key(), t.programme(), t.title(), t.directions(), moved, t.foreignDeadlines(), t.deadlines(),
                t.fundingCapWan(), t.projectPeriod(), t.fields()));
        stack.wiring().ingestion().ingest(new Notice(n.id(), n.documentNumber(), n.issuer(), n.relayedBy(), n.title(), n.signedOn(),
                n.applicationSite(), topics, n.missing(), n.review(), n.caveat()));

        APIGatewayV2HTTPResponse notice = get("/feeds/notices/2026-8-304af3.ics", Map.of("if-none-match", noticeTag));
        assertEquals(200, notice.getStatusCode(), "the moved cutoff must reach calendars");
        assertNotEquals(noticeTag, notice.getHeaders().get("ETag"));
        assertEquals(200, get("/feeds/all.ics", Map.of("if-none-match", allTag)).getStatusCode());
        assertEquals(304, get("/feeds/notices/2023-4-82277d.ics", Map.of("if-none-match", otherTag)).getStatusCode());
    }
}
