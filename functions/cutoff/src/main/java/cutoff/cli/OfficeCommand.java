package cutoff.cli;

import cutoff.app.Config;
import cutoff.officeservice.Offices;
import cutoff.app.Wiring;
import cutoff.store.Dynamo;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./cutoff org create --name "…" --email-domain example.edu.cn [--email-domain …] [--allow-public-domain]},
 * {@code org rotate-key ORGID}, {@code org revoke-key ORGID}: the operator's commands for research
 * offices, against the table {@code ingest} uses ({@code --table}, {@code --region}, {@code --endpoint} or
 * {@code CUTOFF_TABLE}, {@code AWS_REGION}, {@code DYNAMODB_ENDPOINT}). {@code create} and
 * {@code rotate-key} print one JSON object with the key, which is shown this once and stored only as its
 * hash. {@code create} refuses a public mail domain (gmail.com, qq.com, or a domain under one: see
 * {@link cutoff.office.PublicMailDomains}) unless given {@code --allow-public-domain}. Exit codes as {@link Main}:
 * 0 done, 1 refused, 2 usage.
 */
final class OfficeCommand {
    /** The printed JSON field of the office id: its older name, kept for operators' scripts. */
    private static final String OFFICE_ID = "orgId";
    static final String USAGE = String.join("\n",
            "usage: cutoff org create --name NAME --email-domain DOMAIN [--email-domain DOMAIN ...] [--allow-public-domain]",
            "                         [--table T] [--region R] [--endpoint URL]",
            "       cutoff org rotate-key ORGID [--table T] [--region R] [--endpoint URL]",
            "       cutoff org revoke-key ORGID [--table T] [--region R] [--endpoint URL]");

    private OfficeCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String action = args.length > 1 ? args[1] : "";
        List<String> positional = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        Map<String, String> settings = new HashMap<>();
        String name = null;
        boolean allowPublicDomain = false;
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--allow-public-domain")) {
                allowPublicDomain = true;
            } else if (a.startsWith("--")) {
                if (i + 1 >= args.length) {
                    err.println("usage: " + a + " needs a value");
                    return 2;
                }
                String v = args[++i];
                switch (a) {
                    case "--name" -> name = v;
                    case "--email-domain" -> domains.add(v);
                    case "--table" -> settings.put(Config.TABLE, v);
                    case "--region" -> settings.put(Config.REGION, v);
                    case "--endpoint" -> settings.put(Config.DYNAMODB_ENDPOINT, v);
                    default -> {
                        err.println("usage: unknown option " + a);
                        err.println(USAGE);
                        return 2;
                    }
                }
            } else {
                positional.add(a);
            }
        }
        boolean create = action.equals("create");
        if (!(create && positional.isEmpty()) && !((action.equals("rotate-key") || action.equals("revoke-key"))
                && positional.size() == 1 && name == null && domains.isEmpty() && !allowPublicDomain)) {
            err.println(USAGE);
            return 2;
        }
        Config config = OfficeCommand.tableConfig(settings, err);
        if (config == null) {
            return 2;
        }
        try (DynamoDbClient dynamo = Dynamo.client(config.region(), config.dynamoDbEndpoint())) {
            Offices offices = new Wiring(config, Clock.systemUTC(), dynamo, null).offices();
            switch (action) {
                case "create" -> {
                    Offices.Created c = offices.create(name, domains, allowPublicDomain);
                    out.println(json(OFFICE_ID, c.office().id(), "apiKey", c.apiKey()));
                }
                case "rotate-key" -> {
                    Optional<String> key = offices.rotateKey(positional.get(0));
                    if (key.isEmpty()) {
                        err.println("no office " + positional.get(0));
                        return 1;
                    }
                    out.println(json(OFFICE_ID, positional.get(0), "apiKey", key.get()));
                }
                default -> {
                    if (!offices.revokeKey(positional.get(0))) {
                        err.println("no office " + positional.get(0));
                        return 1;
                    }
                    out.println(json(OFFICE_ID, positional.get(0), "revoked", "true"));
                }
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("refused: " + e.getMessage());
            return 1;
        } catch (SdkException e) {
            err.println(Main.dynamoError(config, e));
            return 1;
        }
    }

    /**
     * The configuration of a table command ({@code org}, {@code editor}): the environment with the command's
     * {@code --table}, {@code --region}, {@code --endpoint}.
     *
     * @return {@code null} after printing why to {@code err} (a bad setting, no table), for exit code 2
     */
    static Config tableConfig(Map<String, String> settings, PrintStream err) {
        Config config;
        try {
            config = Config.fromEnvironment(settings);
        } catch (IllegalArgumentException e) {
            err.println("usage: " + e.getMessage());
            return null;
        }
        if (config.table() == null) {
            err.println("usage: name the table with --table or " + Config.TABLE + " (the stack's Outputs give it as TableName)");
            return null;
        }
        return config;
    }

    private static String json(String... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String v = namesAndValues[i + 1];
            fields.put(namesAndValues[i], v.equals("true") ? (Object) Boolean.TRUE : v);
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
