package cutoff.local.e2e;

import cutoff.local.DemoStack;
import cutoff.local.ProcessOutput;
import cutoff.testing.LocalSes;
import cutoff.testing.Ports;
import cutoff.testing.Project;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack the browser tests run against: {@code ./cutoff demo} ({@link DemoStack}) as a child JVM on
 * free ports, with throw-away data and its clock at {@link #NOW} (the shipped notice stcsm-2026-8 is then open).
 * One per test JVM, started on first use, stopped (with its SES stand-in) when the JVM ends.
 */
final class E2eStack {
    /** The stack's clock at start: 2026-05-10, when 沪科指南〔2026〕8号's topics are open (cutoff 2026-06-03). */
    static final Instant NOW = Instant.parse("2026-05-10T00:00:00Z");
    /** An open topic of the shipped notices (沪科指南〔2026〕8号 专题二). */
    static final String OPEN_TOPIC = "2026-8-304af3-t2";
    /** A topic with six foreign-side deadlines in five zones (the Zhejiang placeholder notice in infra/local/notices). */
    static final String FOREIGN_TOPIC = "x-e9e38a483d-p1-t1";
    private static final String READY = "Ctrl-C stops the stack.";
    private static final Path ROOT = Project.root();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static E2eStack stack;

    final String base;
    final String ses;
    final String dynamo;
    private final Process process;
    private final StringBuffer output;

    private E2eStack(int web, int dynamoPort, int sesPort, Path data) throws IOException {
        this.base = "http://127.0.0.1:" + web;
        this.ses = "http://127.0.0.1:" + sesPort;
        this.dynamo = "http://127.0.0.1:" + dynamoPort;
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), DemoStack.class.getName(),
                "--port", Integer.toString(web), "--dynamodb-port", Integer.toString(dynamoPort), "--ses-port", Integer.toString(sesPort),
                "--data", data.toString(), "--notices", ROOT.resolve("infra/local/notices").toString(),
                "--ses-local", ROOT.resolve("infra/ses-local").toString(), "--s3-local", ROOT.resolve("infra/s3-local").toString(),
                "--dispatch-every", "3600", "--now", NOW.toString());
        process = new ProcessBuilder(command).directory(data.toFile()).redirectErrorStream(true).start();
        output = ProcessOutput.follow(process);
    }

    /** The stack, started on first use (about ten seconds). */
    static synchronized E2eStack get() throws Exception {
        if (stack == null) {
            Path data = Files.createTempDirectory(Files.createDirectories(ROOT.resolve("infra/local/target")), "e2e-data-");
            E2eStack s = new E2eStack(Ports.free(), Ports.free(), Ports.free(), data);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                s.process.descendants().forEach(ProcessHandle::destroy);
                s.process.destroy();
            }));
            s.await();
            stack = s;
        }
        return stack;
    }

    private void await() throws InterruptedException {
        for (int i = 0; i < 2400; i++) {
            if (output.indexOf(READY) >= 0) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("./cutoff demo exited (" + process.exitValue() + ") before it was ready:\n" + output);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("./cutoff demo was not ready within 120 s:\n" + output);
    }

    /** A URL on the stack. */
    String url(String path) {
        return base + path;
    }

    /** The status a GET of a path answers, redirects not followed. */
    int status(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A GET of a full URL: status and body. */
    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON POST to a path: status and body. */
    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Moves the stack's clock ({@code POST /local/clock}); it runs on from there. */
    void clock(Instant now) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/local/clock?now=" + now))).POST(
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("the clock did not move: " + r.statusCode() + " " + r.body());
        }
    }

    /** Ingests notice records into the stack's table, as {@code ./cutoff ingest FILE.json --endpoint ...} does. */
    void ingest(Path... files) {
        List<String> args = new ArrayList<>(List.of("ingest"));
        for (Path f : files) {
            args.add(f.toString());
        }
        cli(args.toArray(String[]::new));
    }

    /**
     * A {@code ./cutoff} command run in-process against the stack's table ({@code --table cutoff-local --endpoint} its
     * DynamoDB, added after {@code args}), as the demo prints them: its standard output.
     *
     * @throws AssertionError when the command does not exit 0, with what it printed
     */
    String cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", "cutoff-local", "--endpoint", dynamo));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cutoff.cli.Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new AssertionError(args[0] + " failed (" + code + "): " + out.toString(StandardCharsets.UTF_8)
                    + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The emails the stack's SES stand-in holds for an address, oldest first. */
    List<LocalSes.Sent> emailsTo(String address) {
        return LocalSes.sentAt(ses).stream().filter(m -> m.to().contains(address)).toList();
    }

    /**
     * The first link to {@code path} (such as {@code /subscriptions/confirm}) in the latest email to an address;
     * waits up to ten seconds for the email.
     */
    String link(String address, String path) throws InterruptedException {
        Pattern link = Pattern.compile(Pattern.quote(url(path)) + "\\?token=[A-Za-z0-9_-]+");
        for (int i = 0; i < 100; i++) {
            List<LocalSes.Sent> mails = emailsTo(address);
            if (!mails.isEmpty()) {
                LocalSes.Sent latest = mails.get(mails.size() - 1);
                Matcher m = link.matcher(latest.text() != null ? latest.text() : latest.html());
                if (m.find()) {
                    return m.group();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no email to " + address + " with a link to " + path + "; the stand-in holds "
                + emailsTo(address).stream().map(LocalSes.Sent::subject).toList());
    }

    /**
     * A confirmed subscriber (through the JSON API) and a manage link for it: subscribe, confirm, then ask again
     * an hour later (the clock moved), which sends the "already subscribed" email with a manage link.
     *
     * @return the manage link
     */
    String confirmedSubscriber(String address, String language) throws IOException, InterruptedException {
        HttpResponse<String> r = postJson("/subscriptions", "{\"email\":\"" + address + "\",\"topics\":[\"" + OPEN_TOPIC
                + "\"],\"language\":\"" + language + "\"}");
        if (r.statusCode() != 202) {
            throw new AssertionError("subscribing " + address + " answered " + r.statusCode() + " " + r.body());
        }
        int before = emailsTo(address).size();
        get(link(address, "/subscriptions/confirm"));
        clock(Instant.parse(get(url("/local/clock")).body().strip()).plusSeconds(3700));
        postJson("/subscriptions", "{\"email\":\"" + address + "\",\"topics\":[\"" + OPEN_TOPIC + "\"]}");
        for (int i = 0; i < 100 && emailsTo(address).size() == before; i++) {
            Thread.sleep(100);
        }
        return link(address, "/subscriptions/manage");
    }
}
