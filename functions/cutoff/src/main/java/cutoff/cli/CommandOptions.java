package cutoff.cli;

import cutoff.app.Config;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words of a table command ({@code editor}, {@code withdraw}) after its name: positional words, and options that
 * each take a value ({@code --name NAME}); the table options ({@code --table}, {@code --region}, {@code --endpoint})
 * made a {@link Config}.
 *
 * @param positional the words that are not options, in order
 * @param options    option → its value
 */
record CommandOptions(List<String> positional, Map<String, String> options) {
    /** The options every table command takes. */
    static final List<String> TABLE = List.of("--table", "--region", "--endpoint");

    /**
     * Reads {@code args} from index {@code from}.
     *
     * @param allowed the command's options besides {@link #TABLE}
     * @return {@code null} after printing why to {@code err} (an unknown option, with {@code usage}; an option without
     *         its value)
     */
    static CommandOptions parse(String[] args, int from, List<String> allowed, String usage, PrintStream err) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                positional.add(args[i]);
            } else if (!allowed.contains(args[i]) && !TABLE.contains(args[i])) {
                err.println("usage: unknown option " + args[i]);
                err.println(usage);
                return null;
            } else if (i + 1 >= args.length) {
                err.println("usage: " + args[i] + " needs a value");
                return null;
            } else {
                options.put(args[i], args[++i]);
            }
        }
        return new CommandOptions(positional, options);
    }

    /** The table to work on, from the options and the environment; {@code null} after printing why not. */
    Config tableConfig(PrintStream err) {
        Map<String, String> settings = new HashMap<>();
        Optional.ofNullable(options.get("--table")).ifPresent(v -> settings.put(Config.TABLE, v));
        Optional.ofNullable(options.get("--region")).ifPresent(v -> settings.put(Config.REGION, v));
        Optional.ofNullable(options.get("--endpoint")).ifPresent(v -> settings.put(Config.DYNAMODB_ENDPOINT, v));
        return OfficeCommand.tableConfig(settings, err);
    }
}
