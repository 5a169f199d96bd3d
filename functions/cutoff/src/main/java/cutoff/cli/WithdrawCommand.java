package cutoff.cli;

import cutoff.app.Config;
import cutoff.app.Wiring;
import cutoff.ingest.Withdrawal;
import cutoff.store.ConcurrentIngestException;
import cutoff.store.Dynamo;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
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

    private WithdrawCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandOptions words = CommandOptions.parse(args, 1, List.of("--reason"), USAGE, err);
        if (words == null) {
            return 2;
        }
        List<String> positional = words.positional();
        if (positional.size() != 1) {
            err.println(USAGE);
            return 2;
        }
        String reason;
        try {
            reason = Withdrawal.reason(words.options().get("--reason"));
        } catch (Withdrawal.BadReason bad) {
            err.println("refused: " + bad.getMessage());
            return 1;
        }
        Config config = words.tableConfig(err);
        if (config == null) {
            return 2;
        }
        String noticeId = positional.get(0);
        try (DynamoDbClient dynamo = Dynamo.client(config.region(), config.dynamoDbEndpoint())) {
            Optional<Withdrawal.Outcome> done = new Wiring(config, Clock.systemUTC(), dynamo, null).withdrawal()
                    .withdraw(noticeId, Withdrawal.OPERATOR, reason, stored -> true);
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
