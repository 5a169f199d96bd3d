package cutoff.cli;

import cutoff.calendar.FeedNames;
import cutoff.calendar.FeedWriter;
import cutoff.deadline.Deadline;
import cutoff.deadline.Deadlines;
import cutoff.deadline.IncompleteNoticeException;
import cutoff.document.DocumentException;
import cutoff.notice.NotANoticeException;
import cutoff.notice.Window;
import cutoff.app.Config;
import cutoff.ingest.Ingestion;
import cutoff.dispatch.Redrive;
import cutoff.subscription.SubscriberCheck;
import cutoff.app.Wiring;
import cutoff.store.Dynamo;
import java.util.HashMap;
import java.util.Map;
import java.time.Clock;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.time.Instant;
import cutoff.notice.Notice;
import cutoff.notice.NoticeJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./cutoff parse|feed|ingest|reminders redrive|subscribers check|smoke}: the operator's command line. Exit codes: 0 done, 1 the input
 * was refused (the reason is one line on stderr), 2 usage error.
 *
 * <p>One class (about 470 lines) because the commands share one option parser ({@link Args}), one usage text
 * ({@link #USAGE}) and the exit codes above; each command is a method that checks its arguments and hands over
 * to the parser, a service built by {@code Wiring} or a helper of this package. The two commands with options of their own ({@code org},
 * {@code editor}) are {@link OfficeCommand} and {@link EditorCommand}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("feed") || args[0].equals("parse") || args[0].equals("ingest"))) {
            JdkWarmUp.start();
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs one command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        if (args[0].equals("org")) { // the command's name, kept for operators' scripts
            // Its own options (--name, --email-domain): parsed by OfficeCommand.
            return OfficeCommand.run(args, out, err);
        }
        if (args[0].equals("editor")) {
            return EditorCommand.run(args, out, err);
        }
        if (args[0].equals("withdraw")) {
            return WithdrawCommand.run(args, out, err);
        }
        try {
            Args parsed = Args.parse(args);
            if (parsed.fix() && !args[0].equals("subscribers")) {
                throw new UsageException("--fix is an option of subscribers check only");
            }
            switch (args[0]) {
                case "parse":
                    return parse(parsed, out, err);
                case "feed":
                    return feed(parsed, out, err);
                case "ingest":
                    return ingest(parsed, out, err);
                case "reminders":
                    return reminders(parsed, out, err);
                case "subscribers":
                    return subscribers(parsed, out, err);
                case "smoke":
                    return smoke(parsed, out);
                case "eval":
                    return eval(parsed, out, err);
                default:
                    err.println("unknown command: " + args[0]);
                    err.println(USAGE);
                    return 2;
            }
        } catch (UsageException e) {
            err.println("usage: " + e.getMessage());
            return 2;
        }
    }

    static final String USAGE = String.join("\n",
            "usage: cutoff parse NOTICE.txt|.html|.pdf|.docx|.doc [--year YYYY]",
            "       cutoff feed NOTICE|NOTICE.json [--year YYYY] [--closes YYYY-MM-DD[THH:MM]]",
            "       cutoff ingest NOTICE|NOTICE.json ... [--year YYYY] [--closes YYYY-MM-DD[THH:MM]] [--accept-review TOPIC=YYYY-MM-DD[THH:MM]]...",
            "                     [--opens YYYY-MM-DDTHH:MM] [--table NAME] [--region R] [--endpoint URL]",
            "       cutoff ingest NOTICE ... --draft EDITORID [--year YYYY] [--table NAME] [--region R] [--endpoint URL]",
            "       cutoff reminders redrive --since YYYY-MM-DD|INSTANT [--dry-run] [--table NAME] [--region R] [--endpoint URL]",
            "       cutoff subscribers check [--fix] [--table NAME] [--region R] [--endpoint URL]",
            "       cutoff smoke BASE_URL [--wait SECONDS]",
            "       cutoff eval [CORPUS_DIR ...]",
            "       cutoff org create --name NAME --email-domain DOMAIN [...] [--allow-public-domain]",
            "       cutoff org rotate-key ORGID | org revoke-key ORGID",
            "       cutoff editor create --name NAME [--email ADDRESS] | editor rotate-key EDITORID | editor revoke-key EDITORID",
            "       cutoff withdraw NOTICEID [--reason TEXT] [--table NAME] [--region R] [--endpoint URL]",
            "       cutoff demo [--port 8080]");

    private static int parse(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.files().size() != 1) {
            throw new UsageException("parse takes one notice file");
        }
        Path file = args.files().get(0);
        try {
            Notice notice = NoticeFiles.read(file, args.year(), null, null);
            out.println(NoticeJson.write(notice));
            return 0;
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
            return 1;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return 1;
        } catch (NotANoticeException e) {
            err.println(file + ": not a notice: " + e.getMessage());
            return 1;
        } catch (DocumentException e) {
            err.println(file + ": " + e.getMessage());
            return 1;
        }
    }

    private static int feed(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.files().size() != 1) {
            throw new UsageException("feed takes one notice file (text, HTML, PDF, DOCX, DOC or .json)");
        }
        Path file = args.files().get(0);
        try {
            Notice notice = NoticeFiles.read(file, args.year(), args.opens(), args.closes());
            List<Deadline> deadlines = Deadlines.of(notice, offlineStamp(notice));
            out.print(new FeedWriter().write(FeedNames.notice(notice), deadlines));
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
        } catch (NotANoticeException e) {
            err.println(file + ": not a notice: " + e.getMessage());
        } catch (DocumentException e) {
            err.println(file + ": " + e.getMessage());
        } catch (IncompleteNoticeException e) {
            err.println(file + ": " + e.getMessage());
        }
        return 1;
    }

    /**
     * Reads every file first, and writes only if all of them are good: a refused file names itself
     * and what to supply, and nothing of the batch is stored.
     */
    private static int ingest(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.files().isEmpty()) {
            throw new UsageException("ingest takes one or more notice files (text, HTML, PDF, DOCX, DOC or .json)");
        }
        if (args.draftFor() != null) {
            if (!args.acceptReview().isEmpty() || args.opens() != null || args.closes() != null) {
                throw new UsageException("--draft takes the files as they are: correct a draft's reading through the API");
            }
            return DraftCommand.run(args, config(args), out, err);
        }
        List<Notice> notices = new ArrayList<>();
        boolean refused = false;
        Map<String, cutoff.notice.DateOrDateTime> accepted = new java.util.LinkedHashMap<>();
        for (String a : args.acceptReview()) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--accept-review takes TOPIC=2024-07-31T16:30 (Beijing) or TOPIC=2024-07-31, not " + a);
            }
            accepted.put(a.substring(0, eq), NoticeFiles.when("--accept-review " + a.substring(0, eq), a.substring(eq + 1)));
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Path file : args.files()) {
            try {
                Notice notice = NoticeFiles.read(file, args.year(), args.opens(), args.closes());
                Map<String, cutoff.notice.DateOrDateTime> mine = new java.util.LinkedHashMap<>();
                accepted.forEach((topic, at) -> {
                    if (notice.topics().stream().anyMatch(t -> t.id().equals(topic)
                            || (args.files().size() == 1 && topic.equals(t.key())))) {
                        mine.put(topic, at);
                    }
                });
                used.addAll(mine.keySet());
                Notice reviewed = mine.isEmpty() ? notice : cutoff.notice.NoticeReview.accept(notice, mine);
                List<String> pending = cutoff.notice.NoticeReview.pending(reviewed);
                if (!pending.isEmpty()) {
                    for (String line : pending) {
                        err.println(file + ": refused: " + line);
                    }
                    refused = true;
                    continue;
                }
                cutoff.store.NoticeStore.checkFits(reviewed); // its deadlines made (IncompleteNoticeException), its items sized
                notices.add(reviewed);
                for (String missing : reviewed.missing()) {
                    err.println(file + ": warning: " + missing);
                }
            } catch (NoSuchFileException e) {
                err.println(file + ": no such file");
                refused = true;
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                refused = true;
            } catch (NotANoticeException e) {
                err.println(file + ": not a notice: " + e.getMessage());
                refused = true;
            } catch (DocumentException e) {
                err.println(file + ": " + e.getMessage());
                refused = true;
            } catch (IncompleteNoticeException | cutoff.store.ItemTooLargeException e) {
                err.println(file + ": refused: " + e.getMessage());
                refused = true;
            }
        }
        for (String topic : accepted.keySet()) {
            if (!used.contains(topic)) {
                err.println("--accept-review " + topic + ": no topic of the notices has that id"
                        + (args.files().size() == 1 ? " or key" : " (name topics by id when ingesting several notices)"));
                refused = true;
            }
        }
        if (refused) {
            err.println("nothing was ingested: fix the files above and run again");
            return 1;
        }
        Config config = config(args);
        String endpoint = config.dynamoDbEndpoint();
        String table = config.table();
        try (DynamoDbClient dynamo = Dynamo.client(config.region(), endpoint)) {
            Ingestion ingestion = new Wiring(config, Clock.systemUTC(), dynamo, null).ingestion();
            for (Notice notice : notices) {
                Ingestion.Outcome outcome = ingestion.ingest(notice);
                out.println(outcome.result().summary());
                if (outcome.plan().planned() + outcome.plan().cancelled() > 0) {
                    out.println("  reminders: " + outcome.plan().planned() + " planned, " + outcome.plan().cancelled() + " cancelled");
                }
                if (outcome.follow().followers() > 0) {
                    out.println("  follow rules: " + outcome.follow().topicsAdded() + " topics given to " + outcome.follow().followers()
                            + " followers, " + outcome.follow().remindersPlanned() + " reminders planned");
                }
            }
            return 0;
        } catch (IncompleteNoticeException | cutoff.store.ItemTooLargeException e) {
            err.println("refused: " + e.getMessage());
            return 1;
        } catch (SdkException e) {
            err.println("DynamoDB (" + (endpoint == null || endpoint.isBlank() ? "AWS" : endpoint) + ", table " + table
                    + "): " + e.getMessage());
            return 1;
        }
    }

    /**
     * {@code eval [DIR…]}: the reader measured on labelled corpus folders (each a {@code labels.json} beside its
     * notices), by default {@code ../shared/guidelines/corpus} beside the project; one line per notice and a total.
     */
    private static int eval(Args args, PrintStream out, PrintStream err) {
        List<Path> folders = new ArrayList<>(args.files());
        if (folders.isEmpty()) {
            Path corpus = defaultCorpus();
            if (corpus == null) {
                err.println("no corpus: ../shared/guidelines/corpus is not beside the project; name a folder (cutoff eval DIR)");
                return 1;
            }
            folders.add(corpus);
        }
        try {
            cutoff.notice.NoticeParser parser = new cutoff.notice.NoticeParser();
            cutoff.eval.Evaluation.run(folders, bytes -> parser.parse(
                    cutoff.document.NoticeDocuments.text(cutoff.document.NoticeDocuments.detect(bytes), bytes), null)).print(out);
            return 0;
        } catch (IOException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** {@code shared/guidelines/corpus} or {@code ../shared/guidelines/corpus} above the working directory, or {@code null}. */
    static Path defaultCorpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared/guidelines/corpus"), dir.resolve("../shared/guidelines/corpus")}) {
                if (java.nio.file.Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        return null;
    }

    /** {@code smoke BASE_URL}: a running deployment checked from outside ({@link Smoke}). */
    private static int smoke(Args args, PrintStream out) throws UsageException {
        if (args.files().size() != 1 || !args.files().get(0).toString().matches("https?:/+[^/].*")) {
            throw new UsageException("smoke takes the deployment's base URL, such as https://abc.execute-api.ap-east-1.amazonaws.com");
        }
        // Path.of folds "//" in a URL to "/": put the scheme's slashes back.
        String base = args.files().get(0).toString().replaceFirst("^(https?):/+", "$1://");
        try {
            return new Smoke(base, out).run(java.time.Duration.ofSeconds(args.waitSeconds() == null ? 60 : args.waitSeconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The table's configuration: the environment, with --table, --region and --endpoint over it. */
    private static Config config(Args args) throws UsageException {
        Map<String, String> settings = new HashMap<>();
        if (args.table() != null) {
            settings.put(Config.TABLE, args.table());
        }
        if (args.region() != null) {
            settings.put(Config.REGION, args.region());
        }
        if (args.endpoint() != null) {
            settings.put(Config.DYNAMODB_ENDPOINT, args.endpoint());
        }
        Config config = Config.fromEnvironment(settings);
        if (config.table() == null) {
            throw new UsageException("name the table with --table or " + Config.TABLE
                    + " (the stack's Outputs give it as TableName)");
        }
        return config;
    }

    /**
     * {@code reminders redrive --since …}: FAILED and stuck reminders back to PENDING, due now (see
     * {@link Redrive}); {@code --dry-run} only counts them.
     */
    private static int reminders(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.files().size() != 1 || !args.files().get(0).toString().equals("redrive")) {
            throw new UsageException("reminders takes one action: redrive --since YYYY-MM-DD [--dry-run]");
        }
        if (args.since() == null) {
            throw new UsageException("redrive needs --since: a date (2026-05-27, UTC) or an instant (2026-05-27T08:00:00Z)");
        }
        Instant since;
        try {
            since = args.since().contains("T") ? Instant.parse(args.since())
                    : java.time.LocalDate.parse(args.since()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--since takes 2026-05-27 (a UTC day) or 2026-05-27T08:00:00Z, not " + args.since());
        }
        Config config = config(args);
        try (DynamoDbClient dynamo = Dynamo.client(config.region(), config.dynamoDbEndpoint())) {
            Redrive.Result result = new Wiring(config, Clock.systemUTC(), dynamo, null).redrive().run(since, args.dryRun());
            out.println(result.summary(args.dryRun()));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("refused: " + e.getMessage());
            return 1;
        } catch (SdkException e) {
            err.println(dynamoError(config, e));
            return 1;
        }
    }

    /**
     * {@code subscribers check [--fix]}: the addresses with more than one subscriber of their own, merged with
     * {@code --fix} (see {@link SubscriberCheck}). Exit 1 when duplicates were found and not fixed.
     */
    private static int subscribers(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.files().size() != 1 || !args.files().get(0).toString().equals("check") || args.dryRun()) {
            throw new UsageException("subscribers takes one action: check [--fix]");
        }
        Config config = config(args);
        try (DynamoDbClient dynamo = Dynamo.client(config.region(), config.dynamoDbEndpoint())) {
            SubscriberCheck.Report report = new Wiring(config, Clock.systemUTC(), dynamo, null).subscriberCheck().run(args.fix());
            report.lines().forEach(out::println);
            return report.duplicates().isEmpty() || report.fixed() ? 0 : 1;
        } catch (SdkException e) {
            err.println(dynamoError(config, e));
            return 1;
        }
    }

    /** One line for a DynamoDB failure: which endpoint and table, and what DynamoDB said. */
    static String dynamoError(Config config, SdkException e) {
        return "DynamoDB (" + (config.dynamoDbEndpoint() == null ? "AWS" : config.dynamoDbEndpoint()) + ", table "
                + config.table() + "): " + e.getMessage();
    }

    /**
     * DTSTAMP for an offline feed, which has no ingest time: the issuing date at 00:00 Beijing time,
     * else the earliest cutoff, so that the same file always gives the same bytes.
     */
    static Instant offlineStamp(Notice notice) {
        if (notice.signedOn() != null) {
            return notice.signedOn().atStartOfDay(Window.BEIJING).toInstant();
        }
        return notice.topics().stream().filter(t -> t.window() != null).map(t -> t.window().closes().earliest(t.window().zone()))
                .min(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** Command-line arguments after the command word. */
    record Args(List<Path> files, Integer year, String opens, String closes, String table, String region,
                String endpoint, String since, boolean dryRun, Integer waitSeconds, boolean fix, List<String> acceptReview,
                String draftFor) {
        static Args parse(String[] args) throws UsageException {
            List<Path> files = new ArrayList<>();
            Integer year = null;
            String opens = null;
            String closes = null;
            String table = null;
            String region = null;
            String endpoint = null;
            String since = null;
            boolean dryRun = false;
            boolean fix = false;
            Integer wait = null;
            List<String> acceptReview = new ArrayList<>();
            String draftFor = null;
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--dry-run")) {
                    dryRun = true;
                } else if (a.equals("--fix")) {
                    fix = true;
                } else if (a.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--year" -> {
                            if (!v.matches("\\d{4}")) {
                                throw new UsageException("--year takes a four-digit year, not " + v);
                            }
                            year = Integer.valueOf(v);
                        }
                        case "--opens" -> opens = v;
                        case "--closes" -> closes = v;
                        case "--table" -> table = v;
                        case "--region" -> region = v;
                        case "--endpoint" -> endpoint = v;
                        case "--since" -> since = v;
                        case "--accept-review" -> acceptReview.add(v);
                        case "--draft" -> draftFor = v;
                        case "--wait" -> {
                            if (!v.matches("\\d{1,4}")) {
                                throw new UsageException("--wait takes seconds, not " + v);
                            }
                            wait = Integer.valueOf(v);
                        }
                        default -> throw new UsageException("unknown option " + a);
                    }
                } else {
                    files.add(Path.of(a));
                }
            }
            return new Args(files, year, opens, closes, table, region, endpoint, since, dryRun, wait, fix, acceptReview, draftFor);
        }
    }

    /** A command line that does not fit {@link #USAGE}. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
