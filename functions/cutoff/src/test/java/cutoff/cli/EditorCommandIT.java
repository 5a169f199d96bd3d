package cutoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.editor.Editor;
import cutoff.handler.OfficeAuthorizer;
import cutoff.store.EditorStore;
import cutoff.store.OfficeStore;
import cutoff.testing.LocalDynamo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code ./cutoff editor create | rotate-key | revoke-key} against DynamoDB Local, as the operator runs them. */
class EditorCommandIT {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final String table = LocalDynamo.newTable(dynamo);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final OfficeAuthorizer authorizer = new OfficeAuthorizer(new OfficeStore(dynamo, table), new EditorStore(dynamo, table));

    private int run(String... args) {
        return TableCommands.run(table, out, err, args);
    }

    private JsonNode printed() throws Exception {
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private Optional<Map<String, String>> grant(String key) {
        return authorizer.contextOf("Bearer " + key);
    }

    @Test
    void create_printsAKeyTheAuthorizerTakesAsAnEditors_storedOnlyAsItsHash_thenRotateAndRevokeEndIt() throws Exception {
        assertEquals(0, run("editor", "create", "--name", "市科委编辑部", "--email", "editor@example.org"), err.toString(StandardCharsets.UTF_8));
        String id = printed().get("editorId").asText();
        String key = printed().get("key").asText();
        assertTrue(Editor.wellFormedId(id) && Editor.isKey(key), printed().toString());
        assertEquals(Optional.of(Map.of(OfficeAuthorizer.EDITOR_ID, id)), grant(key));
        for (var item : dynamo.scan(b -> b.tableName(table)).items()) {
            for (AttributeValue v : item.values()) {
                assertFalse(String.valueOf(v).contains(key), "a key in clear: " + item);
            }
        }

        assertEquals(0, run("editor", "rotate-key", id));
        String rotated = printed().get("key").asText();
        assertEquals(Optional.empty(), grant(key), "the old key is dead at once");
        assertEquals(Optional.of(Map.of(OfficeAuthorizer.EDITOR_ID, id)), grant(rotated));

        assertEquals(0, run("editor", "revoke-key", id));
        assertTrue(printed().get("revoked").asBoolean());
        assertEquals(Optional.empty(), grant(rotated));
        assertEquals(0, run("editor", "rotate-key", id), "a revoked editor may be given a key again");
        assertEquals(Optional.of(Map.of(OfficeAuthorizer.EDITOR_ID, id)), grant(printed().get("key").asText()));
    }

    @Test
    void mistakes_sayWhat_withTheirExitCodes() {
        assertEquals(2, run("editor", "create"), "no name");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: cutoff editor create --name NAME"));
        assertEquals(2, run("editor", "create", "--name", "x", "--domain", "y"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --domain"));
        assertEquals(1, run("editor", "create", "--name", "x", "--email", "not an address"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("refused: not an email address"));
        assertEquals(1, run("editor", "create", "--name", "\u200b "));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs a name"));
        assertEquals(1, run("editor", "rotate-key", "ed_00000000000000000000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no editor ed_00000000000000000000"));
        assertEquals(1, run("editor", "revoke-key", "org_00000000000000000000"), "an office id names no editor");
    }
}
