package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.app.Config;
import cutoff.officeservice.Offices;
import cutoff.app.Wiring;
import cutoff.testing.LocalDynamo;
import cutoff.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The office-key authorizer against DynamoDB Local (no mail: it runs in a lone copy of the module too), and the
 * office routes behind it: what API Gateway hands {@link OfficeHandler} once the authorizer said yes.
 */
class OfficeAuthorizerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final Wiring wiring;
    private final OfficeAuthorizer authorizer;
    private final OfficeHandler office;

    OfficeAuthorizerIT() {
        String table = LocalDynamo.newTable(dynamo);
        // No SES call is made here: the sender is never built.
        Config config = Config.local(table, LocalDynamo.endpoint(), "http://127.0.0.1:9", "reminders@cutoff.example", "https://cutoff.example");
        wiring = new Wiring(config, new MutableClock(Instant.parse("2026-05-10T00:00:00Z")), dynamo, null);
        authorizer = new OfficeAuthorizer(wiring.officeStore());
        office = new OfficeHandler(wiring);
    }

    private static String bearer(String key) {
        return "Bearer " + key;
    }

    @Test
    void aLiveKey_isAuthorizedWithItsOffice_andARotatedOrRevokedOneIsNot() {
        Offices offices = wiring.offices();
        Offices.Created a = offices.create("甲大学科研处", List.of("a.edu.cn"));
        Offices.Created b = offices.create("乙大学科研处", List.of("b.edu.cn"));
        assertEquals(Optional.of(a.office().id()), authorizer.officeOf(bearer(a.apiKey())));
        assertEquals(Optional.of(b.office().id()), authorizer.officeOf("bearer   " + b.apiKey() + " "));

        String rotated = offices.rotateKey(a.office().id()).orElseThrow();
        assertEquals(Optional.empty(), authorizer.officeOf(bearer(a.apiKey())), "the old key is dead at once");
        assertEquals(Optional.of(a.office().id()), authorizer.officeOf(bearer(rotated)));

        assertTrue(offices.revokeKey(b.office().id()));
        assertEquals(Optional.empty(), authorizer.officeOf(bearer(b.apiKey())));
        // A well-formed key nobody has.
        assertEquals(Optional.empty(), authorizer.officeOf(bearer("cutoff_" + "x".repeat(43))));
    }

    @Test
    void theSampleEvent_withARealKey_isAuthorized_andItsContextCarriesTheOffice() throws Exception {
        Offices.Created a = wiring.offices().create("甲大学科研处", List.of("a.edu.cn"));
        String sample = java.nio.file.Files.readString(cutoff.testing.Project.root().resolve("events/authorizer-office-key.json"))
                .replace("cutoff_REPLACE-WITH-THE-apiKey-OF-cutoff-org-creat", a.apiKey());
        @SuppressWarnings("unchecked")
        Map<String, Object> event = JSON.readValue(sample, Map.class);
        assertEquals(Map.of("isAuthorized", true, "context", Map.of("orgId", a.office().id())), authorizer.handleRequest(event, null));
        // What the Lambda runtime writes back to API Gateway.
        assertEquals(JSON.readTree("{\"isAuthorized\":true,\"context\":{\"orgId\":\"" + a.office().id() + "\"}}"),
                JSON.readTree(JSON.writeValueAsString(authorizer.handleRequest(event, null))));
    }

    /** An office route's event as API Gateway hands it over after the authorizer vouched for {@code officeId}. */
    private static APIGatewayV2HTTPEvent vouched(String method, String path, String officeId) {
        APIGatewayV2HTTPEvent e = Routes.event(method, path, Map.of("authorization", "Bearer (checked by the authorizer)"), null);
        e.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(Map.of(OfficeAuthorizer.OFFICE_ID, officeId)).build());
        return e;
    }

    @Test
    void behindTheAuthorizer_theRoutesServeTheVouchedOffice_andStillHoldThePathToIt() throws Exception {
        Offices.Created a = wiring.offices().create("甲大学科研处", List.of("a.edu.cn"));
        Offices.Created b = wiring.offices().create("乙大学科研处", List.of("b.edu.cn"));

        APIGatewayV2HTTPResponse own = office.handleRequest(vouched("GET", "/orgs", a.office().id()), null);
        assertEquals(200, own.getStatusCode(), own.getBody());
        assertEquals(a.office().id(), JSON.readTree(own.getBody()).get("orgId").asText());
        assertEquals(200, office.handleRequest(vouched("GET", "/orgs/" + a.office().id() + "/staff", a.office().id()), null).getStatusCode());

        // The key is A's: B's staff list is answered as an office that does not exist.
        APIGatewayV2HTTPResponse other = office.handleRequest(vouched("GET", "/orgs/" + b.office().id() + "/staff", a.office().id()), null);
        assertEquals(404, other.getStatusCode(), other.getBody());

        // Vouched for an office that is gone (or never was): the function's own 401, as for a dead key.
        for (String gone : new String[] {"org_0123456789abcdef0123", "not-an-id"}) {
            APIGatewayV2HTTPResponse none = office.handleRequest(vouched("GET", "/orgs", gone), null);
            assertEquals(401, none.getStatusCode(), none.getBody());
            assertTrue(none.getHeaders().get("WWW-Authenticate").contains("error=\"invalid_token\""));
        }
    }
}
