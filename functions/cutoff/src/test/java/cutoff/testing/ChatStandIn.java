package cutoff.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The launcher of the chat stand-in ({@code infra/chat-local/stand-in.js}: WeCom, DingTalk and Feishu/Lark robots on
 * one port, Node with no npm package), for the tests and {@code ./cutoff demo}, as {@link SesStandIn} is for SES: it
 * listens on loopback, says {@code READY <port>}, and exits when this JVM goes (it watches its stdin). JDK only.
 * Its control routes (add or remove a robot, list what each received, move its clock) are this class's methods.
 */
public final class ChatStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private ChatStandIn(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code infra/chat-local} of the project this JVM runs in. */
    public static Path defaultFolder() {
        return Project.root().resolve("infra/chat-local");
    }

    /** A stand-in on any free port, from {@link #defaultFolder()}. */
    public static ChatStandIn start() {
        return start(defaultFolder(), 0, List.of(), m -> { });
    }

    /**
     * Starts the stand-in on {@code 127.0.0.1:port} ({@code 0}: any free port) with robots known from the start.
     *
     * @param robots {@code service:token[:secret]} each
     * @throws IllegalStateException when it cannot start, with its own output
     */
    public static ChatStandIn start(Path folder, int port, List<String> robots, Consumer<String> log) {
        Path script = folder.toAbsolutePath().resolve("stand-in.js");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the chat stand-in " + script + " is missing");
        }
        List<String> command = new ArrayList<>(List.of("node", script.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port)));
        for (String r : robots) {
            command.add("--robot");
            command.add(r);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the chat stand-in did not start: cannot run node (" + e.getMessage() + ")", e);
        }
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!ready.isDone() && line.startsWith("READY ")) {
                        ready.complete(Integer.parseInt(line.substring(6).trim()));
                    } else {
                        log.accept(line);
                    }
                    synchronized (output) {
                        output.addLast(line);
                        if (output.size() > 20) {
                            output.removeFirst();
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone; what it said is in output
            }
            ready.completeExceptionally(new IllegalStateException("it exited"));
        }, "chat-stand-in-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChatStandIn(process, ready.get(20, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            synchronized (output) {
                throw new IllegalStateException("the chat stand-in did not start on 127.0.0.1:" + port + "; it said:\n  "
                        + String.join("\n  ", output), e);
            }
        }
    }

    /** {@code http://127.0.0.1:<port>}: the {@code CHAT_ENDPOINT} that sends every service's posts here. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The page listing the robots and their messages. */
    public String pageUrl() {
        return endpoint() + "/";
    }

    /** Adds a robot (or replaces one with the same token); {@code secret} {@code null} for an unsigned one. */
    public void addRobot(String service, String token, String secret, int perMinute) {
        StringBuilder body = new StringBuilder("{\"service\":\"" + service + "\",\"token\":\"" + token + "\"");
        if (secret != null) {
            body.append(",\"secret\":\"").append(secret).append('"');
        }
        if (perMinute > 0) {
            body.append(",\"perMinute\":").append(perMinute);
        }
        call("POST", "/_robots", body.append('}').toString());
    }

    /** Removes a robot, as a group's owner removing it in the app. */
    public void removeRobot(String token) {
        call("DELETE", "/_robots/" + token, null);
    }

    /** Moves the stand-in's clock (rate windows, timestamp checks) forward. */
    public void advance(java.time.Duration by) {
        call("POST", "/_advance", "{\"ms\":" + by.toMillis() + "}");
    }

    /** The messages one robot received, oldest first: each {@code {service, token, at, title, text, body}}. */
    public List<JsonNode> messages(String token) {
        List<JsonNode> out = new ArrayList<>();
        call("GET", "/_messages?token=" + token, null).forEach(out::add);
        return out;
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the chat stand-in answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops it: closing its stdin is its signal to exit. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
