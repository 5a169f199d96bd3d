package cutoff.cli;

import cutoff.app.Config;
import cutoff.app.Wiring;
import cutoff.ingest.Withdrawal;
import cutoff.store.ConcurrentIngestException;
import cutoff.store.Dynamo;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./cutoff withdraw NOTICEID [--reason "…"]}: the operator withdraws a published notice (issue 19), as an
 * editor's {@code POST /notices/{noticeId}/withdraw} does ({@link Withdrawal}: its deadlines cancelled, its
 * subscribers' reminders cancelled and a withdrawal email queued for the dispatcher's next run, {@code withdrawn}
 * recorded by {@code operator}), against the table {@code ingest} uses ({@code --table}, {@code --region},
 * {@code --endpoint} or {@code CUTOFF_TABLE}, {@code AWS_REGION}, {@code DYNAMODB_ENDPOINT}). Prints one JSON object,
 * {@code {"noticeId", "withdrawn", "changeEmails", "alreadyWithdrawn"}}, as the API answers. Exit codes as {@link Main}:
 * 0 done (withdrawn already included), 1 no such notice, a reason refused, a concurrent ingest or DynamoDB's error,
 * 2 usage.
 */
final class WithdrawCommand {
    static final String USAGE = "usage: cutoff withdraw NOTICEID [--reason TEXT] [--table T] [--region R] [--endpoint URL]";
    /** Who the record names for a withdrawal from the command line. */
    static final String OPERATOR = "operator";

    private WithdrawCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                positional.add(args[i]);
            } else if (!List.of("--reason", "--table", "--region", "--endpoint").contains(args[i])) {
                err.println("usage: unknown option " + args[i]);
                err.println(USAGE);
                return 2;
            } else if (i + 1 >= args.length) {
                err.println("usage: " + args[i] + " needs a value");
                return 2;
            } else {
                options.put(args[i], args[++i]);
            }
        }
        if (positional.size() != 1) {
            err.println(USAGE);
            return 2;
        }
        String reason;
        try {
            reason = Withdrawal.reason(options.get("--reason"));
        } catch (Withdrawal.BadReason bad) {
            err.println("refused: " + bad.getMessage());
            return 1;
        }
        Map<String, String> settings = new HashMap<>();
        Optional.ofNullable(options.get("--table")).ifPresent(v -> settings.put(Config.TABLE, v));
        Optional.ofNullable(options.get("--region")).ifPresent(v -> settings.put(Config.REGION, v));
        Optional.ofNullable(options.get("--endpoint")).ifPresent(v -> settings.put(Config.DYNAMODB_ENDPOINT, v));
        Config config = OfficeCommand.tableConfig(settings, err);
        if (config == null) {
            return 2;
        }
        String noticeId = positional.get(0);
        try (DynamoDbClient dynamo = Dynamo.client(config.region(), config.dynamoDbEndpoint())) {
            Optional<Withdrawal.Outcome> done = new Wiring(config, Clock.systemUTC(), dynamo, null).withdrawal()
                    .withdraw(noticeId, OPERATOR, reason, stored -> true);
            if (done.isEmpty()) {
                err.println("no notice " + noticeId + " in table " + config.table());
                return 1;
            }
            out.println(cutoff.http.Json.write(done.get().answer()));
            return 0;
        } catch (ConcurrentIngestException e) {
            err.println("refused: " + e.getMessage());
            return 1;
        } catch (SdkException e) {
            err.println("DynamoDB (" + (config.dynamoDbEndpoint() == null ? "AWS" : config.dynamoDbEndpoint()) + ", table "
                    + config.table() + "): " + e.getMessage());
            return 1;
        }
    }
}
