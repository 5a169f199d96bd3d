package cutoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.app.Config;
import cutoff.officeservice.Offices;
import cutoff.app.Wiring;
import cutoff.office.OfficeKeys;
import cutoff.testing.LocalDynamo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code ./cutoff org create | rotate-key | revoke-key} against DynamoDB Local, as the operator runs them. */
class OfficeCommandIT {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final String table = LocalDynamo.newTable(dynamo);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TableCommands.run(table, out, err, args);
    }

    private Offices offices() {
        return new Wiring(Config.local(table, LocalDynamo.endpoint(), null, null, null), Clock.systemUTC(), dynamo, null).offices();
    }

    @Test
    void create_printsOneJsonObject_withAKeyThatWorks_storedOnlyAsItsHash() throws Exception {
        assertEquals(0, run("org", "create", "--name", "某某大学科研处", "--email-domain", "example.edu.cn", "--email-domain", "例子.cn"),
                err.toString(StandardCharsets.UTF_8));
        JsonNode printed = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("orgId", "apiKey"), iterate(printed));
        String officeId = printed.get("orgId").asText();
        String key = printed.get("apiKey").asText();
        assertTrue(OfficeKeys.wellFormed(key));
        assertEquals(List.of("example.edu.cn", "xn--fsqu00a.cn"), offices().authenticate(key).orElseThrow().emailDomains());
        assertEquals(officeId, offices().authenticate(key).orElseThrow().id());
        // Nowhere in the table in clear.
        for (var item : dynamo.scan(b -> b.tableName(table)).items()) {
            for (AttributeValue v : item.values()) {
                assertFalse(String.valueOf(v).contains(key), item.toString());
            }
        }

        assertEquals(0, run("org", "rotate-key", officeId));
        String rotated = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("apiKey").asText();
        assertTrue(offices().authenticate(key).isEmpty(), "the old key is dead at once");
        assertTrue(offices().authenticate(rotated).isPresent());
        assertEquals(0, run("org", "revoke-key", officeId));
        assertTrue(offices().authenticate(rotated).isEmpty());
        assertEquals(0, run("org", "rotate-key", officeId), "a revoked office can be given a new key");
        assertEquals(1, run("org", "rotate-key", "org_00000000000000000000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no office"));
    }

    @Test
    void aMissingNameOrDomain_isRefused_andBadUsageExits2() {
        assertEquals(1, run("org", "create", "--name", "x", "--email-domain", "localhost"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a mail domain"), err.toString(StandardCharsets.UTF_8));
        assertEquals(1, run("org", "create", "--email-domain", "example.edu.cn"));
        assertEquals(2, run("org", "frobnicate"));
        assertEquals(2, run("org", "rotate-key"));
        assertEquals(2, run("org", "create", "--bogus", "1"));
    }

    @Test
    void aPublicMailDomain_isRefused_namingItAndTheFlag_writingNothing_andTheFlagOverridesIt() throws Exception {
        for (String domain : List.of("gmail.com", "qq.com", "mail.qq.com", "163.com")) {
            assertEquals(1, run("org", "create", "--name", "某某大学科研处", "--email-domain", "example.edu.cn", "--email-domain", domain));
            String said = err.toString(StandardCharsets.UTF_8);
            assertTrue(said.startsWith("refused: --email-domain " + domain + " is "), said);
            assertTrue(said.contains("public mail domain") && said.contains("--allow-public-domain"), said);
            assertEquals("", out.toString(StandardCharsets.UTF_8), "no key printed");
        }
        assertEquals(0, dynamo.scan(b -> b.tableName(table)).count(), "no office written");

        assertEquals(0, run("org", "create", "--name", "Google 科研处", "--email-domain", "gmail.com", "--allow-public-domain"),
                err.toString(StandardCharsets.UTF_8));
        String key = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("apiKey").asText();
        assertEquals(List.of("gmail.com"), offices().authenticate(key).orElseThrow().emailDomains());
        assertEquals(2, run("org", "rotate-key", "org_00000000000000000000", "--allow-public-domain"), "create's flag only");
    }

    private static List<String> iterate(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
