package cutoff.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cutoff.testing.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cutoff demo} as a whole process (DemoStack in a child JVM on free ports, throw-away data), for
 * the stand-in defects found against it: DynamoDB Local on every interface, an SES stand-in outliving a
 * demo killed with {@code kill -9} and then silently serving the next demo, and stand-in failures that
 * left no reason. Every process started here is stopped after each test.
 */
class DemoStackIT {
    private static final Path ROOT = cutoff.testing.Project.root();
    private static final String READY = "Ctrl-C stops the stack.";

    @TempDir
    Path tmp;
    private final List<Process> started = new ArrayList<>();
    private final List<ProcessHandle> strays = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        // Processes that are no child of ours any more (an orphan made on purpose, or a stand-in that
        // outlived its demo when this test fails).
        strays.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void everythingTheDemoOpensListensOnLoopbackOnly() throws Exception {
        Path tcp = Path.of("/proc/net/tcp");
        assumeTrue(Files.exists(tcp), "needs Linux's /proc/net/tcp to see which address a port is bound to");
        int web = Ports.free();
        int dynamo = Ports.free();
        int ses = Ports.free();
        Demo demo = demo(web, dynamo, ses);
        demo.await(READY);

        for (int port : new int[] {web, dynamo, ses}) {
            List<String> addresses = listeners(port);
            assertFalse(addresses.isEmpty(), "nothing listens on " + port + "\n" + demo.output());
            for (String address : addresses) {
                assertTrue(isLoopback(address), "port " + port + " listens on " + address + " (hex, /proc/net/tcp*), not loopback");
            }
        }
    }

    @Test
    void theCallsPageIsTheRoot_firstOfThePrintedAddresses_andTheLanguageChoiceComesBackAsACookie_andBadTargetsReachTheHandlers() throws Exception {
        int web = Ports.free();
        Demo demo = demo(web, Ports.free(), Ports.free(), "--now", "2026-05-10T00:00:00Z");
        demo.await(READY);
        String output = demo.output();
        int calls = output.indexOf("Calls           http://127.0.0.1:" + web + "/ ");
        assertTrue(calls > 0 && calls < output.indexOf("/subscriptions") && calls < output.indexOf("/feeds/"), output);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var root = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + web + "/?lang=en")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, root.statusCode());
        assertTrue(root.body().contains("data-topic-id=\"2026-8-304af3-t1\""), "the demo's clock: 沪科指南〔2026〕8号 is upcoming");
        assertEquals(List.of("lang=en; Path=/; Max-Age=31536000; SameSite=Lax"), root.headers().allValues("set-cookie"));
        var topic = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + web + "/calls/2026-8-304af3-t1"))
                .header("Cookie", "lang=en").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(topic.body().contains("<html lang=\"en\">") && topic.body().contains("<svg class=\"timeline\""), topic.body());

        // What the JDK's server would refuse itself ("URISyntaxException thrown") reaches the handlers, as behind API Gateway.
        String json = raw(web, "GET /subscriptions/manage?token=%zz HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n");
        assertTrue(json.startsWith("HTTP/1.1 400 ") && json.contains("\"field\":\"token\"") && !json.contains("Exception"), json);
        String page = raw(web, "GET /?q=%&lang=en HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n");
        assertTrue(page.startsWith("HTTP/1.1 400 ") && page.contains("<html lang=") && !page.contains("Exception"), page);
        // A client's own raw-target header is not taken.
        String forged = raw(web, "GET /subscriptions HTTP/1.1\r\nHost: x\r\n" + TargetFront.RAW_TARGET + ": "
                + java.util.Base64.getEncoder().encodeToString("/subscriptions/manage?token=%zz".getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n");
        assertTrue(forged.startsWith("HTTP/1.1 200 "), forged);
        // Absolute-form is its path and query (RFC 9112 §3.2.2): the bad escape is the function's 400, not a 404.
        String absolute = raw(web, "GET http://127.0.0.1:" + web + "/subscriptions/confirm?token=%zz HTTP/1.1\r\nHost: x\r\n"
                + "Accept: application/json\r\n\r\n");
        assertTrue(absolute.startsWith("HTTP/1.1 400 ") && absolute.contains("\"field\":\"token\""), absolute);
        // Bare LF line ends are answered at once (they waited two minutes; the socket gives up after thirty seconds).
        String lf = raw(web, "GET /?lang=en HTTP/1.1\nHost: x\n\n");
        assertTrue(lf.startsWith("HTTP/1.1 200 ") && lf.contains("<html lang=\"en\">"), lf);
        // Never the JDK's own "No context found": "//…" is the functions' 404, OPTIONS * the front's 200, no form 400.
        String slashes = raw(web, "GET //subscriptions HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n");
        assertTrue(slashes.startsWith("HTTP/1.1 404 ") && slashes.contains("\"error\""), slashes);
        assertTrue(raw(web, "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200 "));
        String noForm = raw(web, "GET subscriptions HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(noForm.startsWith("HTTP/1.1 400 ") && !noForm.contains("No context"), noForm);
        // A path that names no route still keeps the address out of the request log.
        String dotted = raw(web, "DELETE /orgs/B/../A/staff/li.wei@example.edu.cn HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(dotted.startsWith("HTTP/1.1 4"), dotted);
        demo.await("DELETE /orgs/B/../A/staff/… ");
        assertFalse(demo.output().contains("li.wei"), demo.output());
    }

    /** One request as written, on its own connection; the whole answer (the front closes after it). */
    private static String raw(int port, String request) throws IOException {
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDemosChatOfficePostsToTheChatStandIn_whosePageItPrints() throws Exception {
        Demo demo = demo(Ports.free(), Ports.free(), Ports.free());
        demo.await(READY);
        java.util.regex.Matcher page = java.util.regex.Pattern.compile("Chat stand-in   (http://127\\.0\\.0\\.1:\\d+/)").matcher(demo.output());
        assertTrue(page.find(), demo.output());
        java.util.regex.Matcher office = java.util.regex.Pattern.compile("Chat office     (org_[0-9a-f]+), key (cutoff_[A-Za-z0-9_-]+) ")
                .matcher(demo.output());
        assertTrue(office.find(), demo.output());
        String web = demo.output().replaceAll("(?s).*Calls           (http://127\\.0\\.0\\.1:\\d+)/.*", "$1");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var test = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(web + "/orgs/" + office.group(1) + "/chat/test"))
                .header("Authorization", "Bearer " + office.group(2)).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, test.statusCode(), test.body());
        var messages = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(page.group(1) + "_messages")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(messages.body().contains("Cutoff 测试消息"), messages.body());
        var html = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(page.group(1))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(html.body().contains("Cutoff 测试消息"), html.body());
    }

    @Test
    void theDemoSaysHowToMakeAnOffice_andItsSampleCsvUploadsAndIsWelcomed() throws Exception {
        int web = Ports.free();
        int dynamo = Ports.free();
        int ses = Ports.free();
        Demo demo = demo(web, dynamo, ses, "--now", "2026-05-10T00:00:00Z");
        demo.await(READY);
        assertTrue(demo.output().contains("./cutoff org create --name"), demo.output());
        assertTrue(demo.output().contains("--data-binary @infra/local/staff-sample.csv http://127.0.0.1:" + web + "/orgs/$ORG/staff"),
                demo.output());
        // What the printed command does (./cutoff org is cutoff.cli.Main), against the demo's table.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertEquals(0, cutoff.cli.Main.run(new String[] {"org", "create", "--name", "示例大学科研处", "--email-domain", "example.edu.cn",
                "--table", "cutoff-local", "--endpoint", "http://127.0.0.1:" + dynamo}, new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                System.err));
        var created = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + web + "/orgs/" + created.get("orgId").asText() + "/staff";
        var upload = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base))
                .header("Authorization", "Bearer " + created.get("apiKey").asText()).header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(ROOT.resolve("infra/local/staff-sample.csv"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, upload.statusCode(), upload.body());
        assertTrue(upload.body().startsWith("{\"received\":4,\"added\":4,"), upload.body());
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + web + "/local/dispatch"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        var store = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + ses + "/store")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(store.body().contains("zhang.san@example.edu.cn") && store.body().contains("示例大学科研处"), store.body());
        var list = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        // As API Gateway answers in front of the office routes (the OfficeKey authorizer): no key 401, a dead key 403.
        assertEquals(401, list.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", list.body());
        var wrongKey = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base))
                .header("Authorization", "Bearer cutoff_" + "x".repeat(43)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrongKey.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", wrongKey.body());

        // The printed internal-deadline command, and GET /orgs with the office feed URL.
        String orgsUrl = "http://127.0.0.1:" + web + "/orgs";
        assertTrue(demo.output().contains("-d '{\"before\":\"P3D\",\"at\":\"16:30\"}' " + orgsUrl + "/$ORG/internal-deadlines"),
                demo.output());
        var rule = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(orgsUrl + "/" + created.get("orgId").asText()
                        + "/internal-deadlines")).header("Authorization", "Bearer " + created.get("apiKey").asText())
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"before\":\"P3D\",\"at\":\"16:30\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, rule.statusCode(), rule.body());
        assertTrue(rule.body().contains("\"internal\":\"2026-05-31T16:30:00+08:00\""), rule.body());
        var office = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(orgsUrl))
                .header("Authorization", "Bearer " + created.get("apiKey").asText()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, office.statusCode(), office.body());
        String feedUrl = new com.fasterxml.jackson.databind.ObjectMapper().readTree(office.body()).get("feedUrl").asText();
        var feed = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(feedUrl)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, feed.statusCode(), feedUrl);
        assertTrue(feed.body().contains("【示例大学科研处内部截止】"), feed.body());
    }

    @Test
    void theSesStandInDiesWithADemoKilledHard() throws Exception {
        int ses = Ports.free();
        Demo demo = demo(Ports.free(), Ports.free(), ses);
        demo.await(READY);
        ProcessHandle standIn = demo.standIn();
        strays.add(standIn);

        demo.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
        demo.process.waitFor(10, TimeUnit.SECONDS);

        standIn.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).get();
        assertFalse(standIn.isAlive(), "the SES stand-in (pid " + standIn.pid() + ") outlived the demo killed with kill -9");
        assertTrue(Ports.isFree(ses), "port " + ses + " still taken after the demo was killed");
    }

    @Test
    void aStandInLeftOnThePortIsReplacedWithAMessage() throws Exception {
        int ses = Ports.free();
        // What an earlier demo (before the wrapper) left behind after kill -9: the package's own cli.js,
        // its JVM gone (started through a shell that exits at once, so it is reparented like an orphan).
        Process shell = new ProcessBuilder("sh", "-c", "node \"$0\" --host 127.0.0.1 --port \"$1\" </dev/null >/dev/null 2>&1 & echo $!",
                ROOT.resolve("infra/ses-local/node_modules/aws-ses-v2-local/dist/cli.js").toString(), Integer.toString(ses)).start();
        long orphanPid = Long.parseLong(new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        shell.waitFor();
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        strays.add(orphan);
        for (int i = 0; i < 100 && Ports.isFree(ses); i++) {
            Thread.sleep(100);
        }
        assertFalse(Ports.isFree(ses), "the orphan stand-in did not start");

        Demo demo = demo(Ports.free(), Ports.free(), ses);
        demo.await(READY);

        assertTrue(demo.output().contains("replaced an SES stand-in left running on port " + ses + " (pid " + orphanPid),
                demo.output());
        assertTrue(orphan.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).get() != null, "the orphan still runs");
        ProcessHandle standIn = demo.standIn();
        // The port is served by the demo's own stand-in: the listening socket is one of its open files
        // (read from /proc, with a bound), rather than "still alive after a pause".
        assumeTrue(Files.exists(Path.of("/proc/net/tcp")), "needs Linux's /proc to see which process holds a port");
        assertTrue(holdsListener(standIn, ses, TimeUnit.SECONDS.toMillis(10)),
                "port " + ses + " is not served by the demo's own stand-in (pid " + standIn.pid() + ", alive " + standIn.isAlive()
                        + ")\n" + demo.output());
        assertFalse(Ports.isFree(ses));
    }

    @Test
    void aStandInOfARunningJvmIsLeftAloneAndTheDemoSaysWhoHoldsThePort() throws Exception {
        int ses = Ports.free();
        // A live stand-in: its parent (this test JVM) runs, as another worktree's demo or tests would.
        Process live = new ProcessBuilder("node", ROOT.resolve("infra/ses-local/node_modules/aws-ses-v2-local/dist/cli.js").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(ses))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(live);
        for (int i = 0; i < 100 && Ports.isFree(ses); i++) {
            Thread.sleep(100);
        }

        Demo demo = demo(Ports.free(), Ports.free(), ses);

        assertTrue(demo.process.waitFor(60, TimeUnit.SECONDS), "the demo kept running\n" + demo.output());
        assertEquals(1, demo.process.exitValue(), demo.output());
        assertTrue(demo.output().contains("is held by the SES stand-in (pid " + live.pid() + ") of another running demo or test run"),
                demo.output());
        assertTrue(live.isAlive(), "the demo stopped a stand-in that was not an orphan");
    }

    @Test
    void aPortHeldByAnotherProgramStopsTheDemoWithTheReason() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int ses = other.getLocalPort();
            Demo demo = demo(Ports.free(), Ports.free(), ses);

            assertTrue(demo.process.waitFor(60, TimeUnit.SECONDS), "the demo kept running\n" + demo.output());
            assertEquals(1, demo.process.exitValue(), demo.output());
            assertTrue(demo.output().contains("cutoff demo did not start: port " + ses + " on 127.0.0.1 is taken by another program"),
                    demo.output());
        }
    }

    @Test
    void aStandInThatFailsStopsTheDemoWithItsOwnWords() throws Exception {
        // A stand-in folder whose script fails the way a broken install would, saying why on stderr.
        Path broken = tmp.resolve("ses-local");
        Files.createDirectories(broken.resolve("node_modules/aws-ses-v2-local"));
        Files.writeString(broken.resolve("stand-in.js"), "console.error('no mail today: express is missing'); process.exit(3);\n");
        Demo demo = demo(Ports.free(), Ports.free(), Ports.free(), "--ses-local", broken.toString());

        assertTrue(demo.process.waitFor(60, TimeUnit.SECONDS), "the demo kept running\n" + demo.output());
        assertEquals(1, demo.process.exitValue(), demo.output());
        assertTrue(demo.output().contains("the SES stand-in did not start"), demo.output());
        assertTrue(demo.output().contains("exited with code 3"), demo.output());
        assertTrue(demo.output().contains("no mail today: express is missing"), demo.output());
    }

    @Test
    void badOptionsAreRefusedInOneLine() throws Exception {
        Demo demo = demo(Ports.free(), Ports.free(), Ports.free(), "--dispatch-every", "soon");
        assertTrue(demo.process.waitFor(30, TimeUnit.SECONDS), demo.output());
        assertEquals(2, demo.process.exitValue());
        assertTrue(demo.output().contains("--dispatch-every takes a whole number from 1 to 65535, not soon"), demo.output());
    }

    // ---- the demo as a child process

    final class Demo {
        final Process process;
        private final StringBuffer output;

        Demo(Process process) {
            this.process = process;
            this.output = ProcessOutput.follow(process);
        }

        String output() {
            return output.toString();
        }

        void await(String line) throws InterruptedException {
            for (int i = 0; i < 1200; i++) {
                if (output().contains(line)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the demo exited (" + process.exitValue() + ") before \"" + line + "\"\n" + output());
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no \"" + line + "\" within 60 s\n" + output());
        }

        /** The demo's SES stand-in: its node child. */
        ProcessHandle standIn() {
            return process.descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/node")).orElse(false))
                    // The SES stand-in's, not the S3 stand-in's (both are node).
                    .filter(p -> p.info().arguments().map(a -> java.util.Arrays.stream(a).anyMatch(x -> x.contains("ses-local"))).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("the demo has no node child\n" + output()));
        }
    }

    private Demo demo(int web, int dynamo, int ses, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), DemoStack.class.getName(),
                "--port", Integer.toString(web), "--dynamodb-port", Integer.toString(dynamo), "--ses-port", Integer.toString(ses),
                "--data", tmp.resolve("dynamodb-" + web).toString(),
                "--notices", ROOT.resolve("infra/local/notices").toString(),
                "--ses-local", ROOT.resolve("infra/ses-local").toString(),
                "--s3-local", ROOT.resolve("infra/s3-local").toString(),
                "--dispatch-every", "3600"));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true).start();
        started.add(p);
        return new Demo(p);
    }

    /** The test class path (surefire hands it over in a manifest-only jar; this property has it in full). */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The local addresses (hex, as /proc/net/tcp and tcp6 write them) of the listening sockets on a port. */
    private static List<String> listeners(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ...; st 0A = LISTEN
                if (f.length > 3 && f[3].equals("0A") && f[1].endsWith(":" + hexPort)) {
                    addresses.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }

    /**
     * Whether {@code process} holds the listening socket on {@code port} (its inode, from /proc/net/tcp*,
     * among the process's /proc/PID/fd links), checked until it does or {@code withinMillis} pass.
     */
    private static boolean holdsListener(ProcessHandle process, int port, long withinMillis) throws Exception {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMillis);
        do {
            List<String> sockets = new ArrayList<>();
            for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
                Path file = Path.of(table);
                for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode; st 0A = LISTEN
                    if (f.length > 9 && f[3].equals("0A") && f[1].endsWith(":" + hexPort)) {
                        sockets.add("socket:[" + f[9] + "]");
                    }
                }
            }
            try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
                if (fds.anyMatch(fd -> {
                    try {
                        return sockets.contains(Files.readSymbolicLink(fd).toString());
                    } catch (IOException gone) {
                        return false;
                    }
                })) {
                    return true;
                }
            } catch (IOException exited) {
                return false;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < until);
        return false;
    }

    /** 127.0.0.1 (IPv4), ::1, or ::ffff:127.0.0.1, as /proc writes them (32-bit words, host byte order). */
    private static boolean isLoopback(String hex) {
        return hex.equals("0100007F")
                || hex.equals("00000000000000000000000001000000")
                || hex.equals("0000000000000000FFFF00000100007F");
    }
}
