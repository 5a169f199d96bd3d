package cutoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.app.Config;
import cutoff.app.Wiring;
import cutoff.store.DraftStore;
import cutoff.store.EditorStore;
import cutoff.testing.LocalDynamo;
import cutoff.upload.Editors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code ./cutoff ingest NOTICE... --draft EDITORID} against DynamoDB Local: drafts for review, nothing published. */
class IngestDraftIT {
    private final DynamoDbClient dynamo = LocalDynamo.client();
    private final String table = LocalDynamo.newTable(dynamo);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;

    private int run(String... args) {
        return TableCommands.run(table, out, err, args);
    }

    @Test
    void eachFileBecomesADraftOfTheEditors_theBadOneIsNamed_andNothingIsPublished() throws Exception {
        String editor = new Editors(new EditorStore(dynamo, table), Clock.systemUTC()).create("编辑", null).editor().id();
        Path notice = dir.resolve("notice.txt");
        Files.writeString(notice, String.join("\n", "关于组织申报示例科技计划项目的通知", "示科〔2026〕1号", "各有关单位：",
                "网上申报截止时间为3月5日16:30。", "示例科学技术委员会", ""));
        Path image = dir.resolve("scan.png");
        Files.write(image, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});

        assertEquals(1, run("ingest", notice.toString(), image.toString(), "--draft", editor));
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length, out.toString(StandardCharsets.UTF_8));
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertEquals(1, line.get("review").asInt(), "the year is a guess: to review");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(image + ": a PNG image"), err.toString(StandardCharsets.UTF_8));
        assertEquals(editor, new DraftStore(dynamo, table).get(line.get("draftId").asText()).orElseThrow().owner());
        assertTrue(new Wiring(Config.local(table, LocalDynamo.endpoint(), null, null, null), Clock.systemUTC(), dynamo, null)
                .notices().notice(line.get("noticeId").asText()).isEmpty(), "a draft is not published");
    }

    @Test
    void aDraftNeedsAnEditorThatExists() {
        assertEquals(2, run("ingest", "x.txt", "--draft", "someone"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--draft takes an editor's id"));
        assertEquals(1, run("ingest", "x.txt", "--draft", "ed_00000000000000000000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no editor ed_00000000000000000000"));
        assertEquals(2, run("ingest", "x.txt", "--draft", "ed_00000000000000000000", "--closes", "2027-03-05"));
    }
}
