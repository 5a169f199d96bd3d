package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.officeservice.Offices;
import cutoff.testing.LocalSes;
import cutoff.testing.Project;
import cutoff.testing.TestStack;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/**
 * An office's internal deadline on a public call, as its staff's calendars and its own calendar read it (ical4j) when an
 * editor withdraws the call and publishes it again, through {@link NoticeUploadHandler} (publish, withdraw) and the
 * feed function, against DynamoDB Local: cancelled with SEQUENCE one up, then back with a SEQUENCE higher still, since
 * calendars ignore an update whose SEQUENCE is lower than the one they hold (RFC 5545 §3.8.7.4, RFC 5546).
 */
class InternalDeadlineSequenceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FEED = Pattern.compile("/feeds/personal/([A-Za-z0-9_-]{43})\\.ics");
    private static final Map<String, String> EDITOR = Map.of(OfficeAuthorizer.EDITOR_ID, "ed_0123456789abcdef0123");

    private TestStack stack;
    private NoticeUploadHandler api;

    /** A call's notice (written for this test): its cutoff and, for an office's copy, the office's own earlier date. */
    private static String notice(String officeDate) {
        return String.join("\n", "关于组织申报示例撤回项目的通知", "示合〔2026〕11号", "各有关单位：", "一、申报要求",
                "网上申报截止时间为2026年6月25日16:30。", officeDate == null ? "" : "请于" + officeDate + "前将申报材料报送科研处。",
                "示例科学技术委员会", "2026年5月8日", "");
    }

    /** Uploads a notice and publishes its draft, as the key's holder ({@code who}: the authorizer's context). */
    private String uploadAndPublish(Map<String, String> who, String text) throws Exception {
        APIGatewayV2HTTPEvent upload = Project.event("notice-upload.json");
        upload.getRequestContext().getAuthorizer().setLambda(new HashMap<>(who));
        upload.setBody(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        APIGatewayV2HTTPResponse created = api.handleRequest(upload, null);
        assertEquals(201, created.getStatusCode(), created.getBody());
        APIGatewayV2HTTPEvent publish = Project.event("notice-draft-publish.json");
        publish.getRequestContext().getAuthorizer().setLambda(new HashMap<>(who));
        publish.setPathParameters(Map.of("draftId", created.getHeaders().get("Location").substring("/notices/drafts/".length())));
        APIGatewayV2HTTPResponse published = api.handleRequest(publish, null);
        assertEquals(200, published.getStatusCode(), published.getBody());
        return JSON.readTree(published.getBody()).get("noticeId").asText();
    }

    /** The internal deadline's SEQUENCE, STATUS and DTSTART in a feed, as ical4j reads them. */
    private String shown(String path, String uid) throws Exception {
        APIGatewayV2HTTPResponse r = stack.feeds().handleRequest(Routes.event("GET", path, Map.of(), null), null);
        assertEquals(200, r.getStatusCode());
        List<VEvent> events = new CalendarBuilder().build(new StringReader(r.getBody())).getComponents(Component.VEVENT);
        VEvent e = events.stream().filter(v -> v.getProperty(Property.UID).map(Property::getValue).orElse("").equals(uid)).findFirst()
                .orElseThrow(() -> new AssertionError(uid + " not in " + path + ":\n" + r.getBody()));
        return "SEQUENCE:" + e.getProperty(Property.SEQUENCE).map(Property::getValue).orElse("0")
                + " STATUS:" + e.getProperty(Property.STATUS).map(Property::getValue).orElse("CONFIRMED")
                + " DTSTART:" + e.getProperty(Property.DTSTART).map(Property::getValue).orElseThrow();
    }

    @Test
    void anOfficesDateOnACallWithdrawnAndPublishedAgain_comesBackWithAHigherSequence_inTheStaffAndOfficeFeeds() throws Exception {
        stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        api = new NoticeUploadHandler(stack.wiring());
        OfficeHandler offices = new OfficeHandler(stack.wiring());
        Offices.Created a = stack.wiring().offices().create("甲大学科研处", List.of("example.edu.cn"));
        String staff = TestStack.address("sequence-a1");
        assertEquals(200, offices.handleRequest(OfficeApiIT.request("POST", "/orgs/" + a.office().id() + "/staff", a.apiKey(), "text/csv",
                OfficeApiIT.HEADER + staff + ",,," + OfficeApiIT.T1 + ",zh,P1D\r\n"), null).getStatusCode());
        new DispatchHandler(stack.dispatcher(), stack.wiring().staffQueue(() -> 1000)).handleRequest(Map.of(), null);
        Matcher token = FEED.matcher(LocalSes.sentTo(staff).get(0).text());
        assertTrue(token.find(), "the welcome gives the personal feed");
        String personal = "/feeds/personal/" + token.group(1) + ".ics";
        String officeFeed = OfficeApiIT.json(offices.handleRequest(OfficeApiIT.request("GET", "/orgs", a.apiKey(), null, null), null))
                .get("feedUrl").asText().substring(TestStack.BASE_URL.length());

        // An editor publishes the call; office A relays it with its own date, attached to the public call.
        String noticeId = uploadAndPublish(EDITOR, notice(null));
        stack.advance(Duration.ofMinutes(5));
        assertEquals(noticeId, uploadAndPublish(Map.of(OfficeAuthorizer.OFFICE_ID, a.office().id()), notice("2026年6月18日16:00")));
        String uid = noticeId + "-t1-internal-" + a.office().id() + "@cutoff";
        for (String feed : List.of(personal, officeFeed)) {
            assertEquals("SEQUENCE:0 STATUS:CONFIRMED DTSTART:20260618T160000", shown(feed, uid), feed);
        }

        // An editor withdraws the call: the office's date is cancelled with it.
        stack.advance(Duration.ofMinutes(5));
        APIGatewayV2HTTPEvent withdraw = Project.event("notice-withdraw.json");
        withdraw.getRequestContext().getAuthorizer().setLambda(new HashMap<>(EDITOR));
        withdraw.setPathParameters(Map.of("noticeId", noticeId));
        withdraw.setRawPath("/notices/" + noticeId + "/withdraw");
        APIGatewayV2HTTPResponse withdrawn = api.handleRequest(withdraw, null);
        assertEquals(200, withdrawn.getStatusCode(), withdrawn.getBody());
        for (String feed : List.of(personal, officeFeed)) {
            assertEquals("SEQUENCE:1 STATUS:CANCELLED DTSTART:20260618T160000", shown(feed, uid), feed);
        }

        // An editor publishes it again: the office's date comes back, above the cancellation calendars hold.
        stack.advance(Duration.ofMinutes(5));
        assertEquals(noticeId, uploadAndPublish(EDITOR, notice(null)));
        for (String feed : List.of(personal, officeFeed)) {
            assertEquals("SEQUENCE:2 STATUS:CONFIRMED DTSTART:20260618T160000", shown(feed, uid), feed);
        }
    }
}
