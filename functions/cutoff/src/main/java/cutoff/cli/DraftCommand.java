package cutoff.cli;

import cutoff.app.Config;
import cutoff.app.Wiring;
import cutoff.draft.NoticeDraft;
import cutoff.editor.Editor;
import cutoff.store.AuditStore;
import cutoff.store.Dynamo;
import cutoff.store.DraftStore;
import cutoff.store.EditorStore;
import cutoff.upload.NoticeUploads;
import cutoff.upload.UploadRefused;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./cutoff ingest NOTICE... --draft EDITORID}: notice files read into drafts of that editor's, for review
 * through the service (issue 19), instead of published. The same reading as {@code POST /notices}; one JSON line a
 * file: {@code {"file", "draftId", "noticeId", "review", "missing"}} (the counts of readings to confirm and of what was
 * not read). A file that makes no draft is named on stderr with why, the others are still drafted; exit 1 then.
 */
final class DraftCommand {
    private DraftCommand() {
    }

    static int run(Main.Args args, Config config, PrintStream out, PrintStream err) {
        String editorId = args.draftFor();
        if (!Editor.wellFormedId(editorId)) {
            err.println("--draft takes an editor's id (ed_ and 20 hex digits, from ./cutoff editor create), not " + editorId);
            return 2;
        }
        try (DynamoDbClient dynamo = Dynamo.client(config.region(), config.dynamoDbEndpoint())) {
            if (new EditorStore(dynamo, config.table()).editor(editorId).isEmpty()) {
                err.println("no editor " + editorId + ": make one with ./cutoff editor create");
                return 1;
            }
            Wiring wiring = new Wiring(config, Clock.systemUTC(), dynamo, null);
            NoticeUploads uploads = new NoticeUploads(new DraftStore(dynamo, config.table()), new AuditStore(dynamo, config.table()),
                    Clock.systemUTC(), wiring.ingestion(), wiring.notices()::notice, wiring.subscribers());
            boolean refused = false;
            for (Path file : args.files()) {
                try {
                    NoticeDraft draft = uploads.upload(editorId, Files.readAllBytes(file), args.year());
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("file", file.toString());
                    line.put("draftId", draft.id());
                    line.put("noticeId", draft.notice().id());
                    line.put("review", draft.review().size());
                    line.put("missing", draft.missing().size());
                    out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(line));
                } catch (NoSuchFileException e) {
                    err.println(file + ": no such file");
                    refused = true;
                } catch (IOException e) {
                    err.println(file + ": cannot read: " + e.getMessage());
                    refused = true;
                } catch (UploadRefused e) {
                    err.println(file + ": " + e.getMessage());
                    refused = true;
                }
            }
            return refused ? 1 : 0;
        } catch (SdkException e) {
            err.println(Main.dynamoError(config, e));
            return 1;
        }
    }
}
