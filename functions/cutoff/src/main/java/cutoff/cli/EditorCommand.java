package cutoff.cli;

import cutoff.app.Config;
import cutoff.store.Dynamo;
import cutoff.store.EditorStore;
import cutoff.upload.Editors;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./cutoff editor create --name "…" [--email …]}, {@code editor rotate-key EDITORID}, {@code editor
 * revoke-key EDITORID}: the operator's commands for editors (issue 19: who may publish public notices), against the
 * table {@code ingest} uses ({@code --table}, {@code --region}, {@code --endpoint} or {@code CUTOFF_TABLE},
 * {@code AWS_REGION}, {@code DYNAMODB_ENDPOINT}). {@code create} and {@code rotate-key} print one JSON object with
 * the key ({@code cutoff_ed_…}), shown this once and stored only as its hash. Exit codes as {@link Main}: 0 done,
 * 1 refused, 2 usage.
 */
final class EditorCommand {
    static final String USAGE = String.join("\n",
            "usage: cutoff editor create --name NAME [--email ADDRESS] [--table T] [--region R] [--endpoint URL]",
            "       cutoff editor rotate-key EDITORID [--table T] [--region R] [--endpoint URL]",
            "       cutoff editor revoke-key EDITORID [--table T] [--region R] [--endpoint URL]");

    private EditorCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String action = args.length > 1 ? args[1] : "";
        CommandOptions words = CommandOptions.parse(args, 2, List.of("--name", "--email"), USAGE, err);
        if (words == null) {
            return 2;
        }
        List<String> positional = words.positional();
        Map<String, String> options = words.options();
        boolean create = action.equals("create") && positional.isEmpty() && options.containsKey("--name");
        boolean key = (action.equals("rotate-key") || action.equals("revoke-key")) && positional.size() == 1
                && !options.containsKey("--name") && !options.containsKey("--email");
        if (!create && !key) {
            err.println(USAGE);
            return 2;
        }
        Config config = words.tableConfig(err);
        if (config == null) {
            return 2;
        }
        try (DynamoDbClient dynamo = Dynamo.client(config.region(), config.dynamoDbEndpoint())) {
            Editors editors = new Editors(new EditorStore(dynamo, config.table()), Clock.systemUTC());
            Map<String, Object> printed = new LinkedHashMap<>();
            if (create) {
                Editors.Created c = editors.create(options.get("--name"), options.get("--email"));
                printed.put("editorId", c.editor().id());
                printed.put("key", c.key());
            } else {
                String id = positional.get(0);
                boolean done;
                if (action.equals("rotate-key")) {
                    Optional<String> k = editors.rotateKey(id);
                    done = k.isPresent();
                    printed.put("editorId", id);
                    k.ifPresent(v -> printed.put("key", v));
                } else {
                    done = editors.revokeKey(id);
                    printed.put("editorId", id);
                    printed.put("revoked", true);
                }
                if (!done) {
                    err.println("no editor " + id);
                    return 1;
                }
            }
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(printed));
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("refused: " + e.getMessage());
            return 1;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (SdkException e) {
            err.println(Main.dynamoError(config, e));
            return 1;
        }
    }
}
