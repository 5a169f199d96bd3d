package cutoff.local;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's listening socket, in front of the JDK's {@code HttpServer}, for one thing that server cannot
 * be told: a request target that is not a {@link URI} ({@code ?token=%zz}, a lone {@code %}, {@code <}) is
 * answered by the JDK itself, {@code 400} with the body {@code URISyntaxException thrown}, before any
 * handler sees it. API Gateway hands such a target to the function, which answers 400 naming the field.
 * So the front rewrites such a target into one the JDK takes (the offending characters percent-encoded)
 * and passes the target as sent in {@value #RAW_TARGET} (base64 of its bytes), which {@link DemoStack}
 * gives the handler; a client's own header of that name is dropped.
 *
 * <p>One request per connection: the front reads the request's head, forwards it with
 * {@code Connection: close} and relays bytes both ways until the server closes, adding {@code Connection:
 * close} to the response's head so the client opens a new connection for its next request (whose request
 * line the front then reads again). Lines may end in a bare LF (RFC 9112 §2.2; passed on in CRLF). An absolute-form
 * target ({@code http://host/path}) goes on in origin-form, its authority the {@code Host} (RFC 9112 §3.2.2); one
 * beginning with {@code //} (which the JDK reads as an authority) goes on as {@code /}, the target as sent in
 * {@value #RAW_TARGET}. A head it will not pass on as it came it answers itself ({@link #refusal}: over
 * {@value #MAX_HEAD} bytes, a {@code Content-Length} that is no number, {@code OPTIONS *} ({@code 200}), a target in
 * no form the functions take ({@code 400})); a client that stops sending before its
 * declared body is complete (closed, or quiet for two minutes) ends the request at the server, which would otherwise
 * keep one of its threads waiting for good. Loopback only, like everything in the demo.
 */
final class TargetFront implements Closeable {
    /** The request target as the client sent it, base64 of its bytes; set by the front only. */
    static final String RAW_TARGET = "X-Cutoff-Raw-Target";
    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket listening;
    private final int backendPort;
    private final ExecutorService relays = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "demo-front");
        t.setDaemon(true);
        return t;
    });

    /**
     * Listens on {@code 127.0.0.1:port} and relays to the server on {@code 127.0.0.1:backendPort}.
     *
     * @throws IOException when the port cannot be bound (taken)
     */
    TargetFront(int port, int backendPort) throws IOException {
        this.listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        this.backendPort = backendPort;
        Thread acceptor = new Thread(this::accept, "demo-front-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                relays.execute(() -> relay(client));
            } catch (IOException e) {
                // closed, or one failed accept: the loop condition decides
            }
        }
    }

    private void relay(Socket client) {
        try (client) {
            client.setSoTimeout(120_000);
            InputStream fromClient = client.getInputStream();
            byte[] head = head(fromClient);
            if (head == null) {
                return;
            }
            head = crlf(head);
            String refusal = refusal(head);
            if (refusal != null) {
                // Answered here, never passed on as it came: the server would get the client's own copy of the
                // front's header, and its own answers name a Java class (NumberFormatException thrown).
                client.getOutputStream().write(refusal.getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            try (Socket server = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
                OutputStream toServer = server.getOutputStream();
                toServer.write(request(head));
                toServer.flush();
                relays.execute(() -> pipe(fromClient, server));
                InputStream fromServer = server.getInputStream();
                OutputStream toClient = client.getOutputStream();
                byte[] response;
                do {
                    response = head(fromServer);
                    if (response == null) {
                        return;
                    }
                    toClient.write(response(response));
                } while (interim(response));
                fromServer.transferTo(toClient);
                toClient.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client or the server went away, or a head nothing can be made of: nothing to answer
        }
    }

    /**
     * The client's bytes after the head (a body) to the server, then the end of them: when the client stops
     * sending (it closed, or went quiet for the timeout) the server's side is shut for output, so a server
     * waiting for the rest of a declared body reads the end of the stream and gives up, instead of holding
     * one of its threads for good.
     */
    private static void pipe(InputStream in, Socket server) {
        try {
            in.transferTo(server.getOutputStream());
        } catch (IOException e) {
            // the client went away or went quiet
        } finally {
            try {
                server.shutdownOutput();
            } catch (IOException e) {
                // the server closed already
            }
        }
    }

    /**
     * The front's own answer to a head it will not pass on, or {@code null}: a head over {@value #MAX_HEAD}
     * bytes ({@code 431}: cut there, its rest would reach the server unread), a {@code Content-Length} that is
     * not a number of bytes ({@code 400}, RFC 9110 §8.6), {@code OPTIONS *} ({@code 200}, no body, RFC 9110 §9.3.7)
     * and {@code *} with any other method ({@code 400}), a target neither origin-form ({@code /…}) nor absolute-form
     * ({@code scheme://authority…}) ({@code 400}, RFC 9112 §3.2). Each says why, in plain text, and closes.
     */
    static String refusal(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r\n\r\n")) {
            return head.length >= MAX_HEAD ? answer(431, "Request Header Fields Too Large",
                    "the request line and headers are over " + MAX_HEAD + " bytes") : null;
        }
        String[] line = text.substring(0, text.indexOf("\r\n")).split(" ", -1);
        if (line.length == 3 && line[1].equals("*")) {
            // Asterisk-form asks about the server as a whole (RFC 9110 §9.3.7): it is up; no one Allow fits every path.
            return line[0].equals("OPTIONS") ? "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    : answer(400, "Bad Request", "the request target * is for OPTIONS only (RFC 9112 §3.2.4)");
        }
        if (line.length == 3 && originForm(line[1]) == null) {
            return answer(400, "Bad Request", "the request target is neither a path (/...) nor an absolute URI (RFC 9112 §3.2)");
        }
        for (String header : text.split("\r\n")) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).strip().equalsIgnoreCase("content-length")
                    && !header.substring(colon + 1).strip().matches("[0-9]{1,18}")) {
                return answer(400, "Bad Request", "content-length is not a number of bytes");
            }
        }
        return null;
    }

    private static String answer(int status, String reason, String why) {
        String body = why + "\n";
        return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    /**
     * The bytes up to and including the blank line that ends a head ({@code CRLF} or a bare {@code LF} each line,
     * RFC 9112 §2.2); {@code null} at the end of the stream.
     */
    static byte[] head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(512);
        int matched = 0;
        while (b.size() < MAX_HEAD) {
            int c = in.read();
            if (c < 0) {
                return b.size() == 0 ? null : b.toByteArray();
            }
            b.write(c);
            // The blank line after the last field ends the head; a line may end in a bare LF (RFC 9112 §2.2).
            // matched: 0 inside a line, 2 at the start of one (after its LF), 1 after a CR there.
            if (c == '\n' && matched > 0) {
                break;
            }
            matched = c == '\n' ? 2 : c == '\r' && matched == 2 ? 1 : 0;
        }
        return b.toByteArray();
    }

    /** A whole head with every line ended by CRLF (a bare LF is taken as one, RFC 9112 §2.2); anything else as it is. */
    static byte[] crlf(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\n\n") && !text.endsWith("\n\r\n")) {
            return head;
        }
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** True for a 1xx head ({@code 100 Continue}): another head follows. */
    private static boolean interim(byte[] head) {
        String line = new String(head, 0, Math.min(head.length, 16), StandardCharsets.ISO_8859_1);
        return line.startsWith("HTTP/1.1 1") || line.startsWith("HTTP/1.0 1");
    }

    /** The request head as the server gets it: the target made a URI if need be, Connection: close. */
    static byte[] request(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n");
        if (end < 0 || !text.endsWith("\r\n\r\n")) {
            return head; // not a whole head: the server answers it
        }
        String[] line = text.substring(0, end).split(" ", -1);
        StringBuilder out = new StringBuilder(text.length() + 64);
        String raw = null;
        String authority = null;
        if (line.length == 3 && !line[1].startsWith("/") && originForm(line[1]) != null) {
            // Absolute-form: its authority is the Host (RFC 9112 §3.2.2), its path and query the target.
            Matcher absolute = ABSOLUTE.matcher(line[1]);
            authority = absolute.matches() ? absolute.group(1).substring(absolute.group(1).lastIndexOf('@') + 1) : null;
            line[1] = originForm(line[1]);
        }
        if (line.length == 3 && line[1].startsWith("//")) {
            // The JDK reads "//x" as an authority and finds no context; the handlers get it as sent (no route: 404).
            raw = line[1];
            line[1] = "/";
        } else if (line.length == 3 && !isUri(line[1])) {
            String fixed = asUri(line[1]);
            if (isUri(fixed)) {
                raw = line[1];
                line[1] = fixed;
            }
        }
        out.append(String.join(" ", line)).append("\r\n");
        // (A head of the request line alone has no header lines: its first CRLF is the one before the blank line.)
        String fields = end + 2 < text.length() - 4 ? text.substring(end + 2, text.length() - 4) : "";
        for (String header : fields.split("\r\n")) {
            String name = header.contains(":") ? header.substring(0, header.indexOf(':')).strip().toLowerCase(Locale.ROOT) : "";
            if (!header.isEmpty() && !name.equals("connection") && !name.equals(RAW_TARGET.toLowerCase(Locale.ROOT))
                    && !(authority != null && name.equals("host"))) {
                out.append(header).append("\r\n");
            }
        }
        if (authority != null) {
            out.append("Host: ").append(authority).append("\r\n");
        }
        if (raw != null) {
            out.append(RAW_TARGET).append(": ")
                    .append(Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.ISO_8859_1))).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A final response head with {@code Connection: close} (the server closes after it); an interim one as it is. */
    static byte[] response(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (interim(head) || !text.endsWith("\r\n\r\n")) {
            return head;
        }
        StringBuilder out = new StringBuilder(text.length() + 24);
        for (String line : text.substring(0, text.length() - 4).split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final Pattern ABSOLUTE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)(.*)", Pattern.DOTALL);

    /**
     * The target in origin-form ({@code /path?query}): as it is when it begins with {@code /}, an absolute-form
     * target ({@code http://host:port/path?query}) reduced to its path and query, {@code /} for an empty path
     * (RFC 9112 §3.2.2); {@code null} for anything else (no {@code /}, {@code *}, a URI without an authority).
     */
    static String originForm(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        Matcher absolute = ABSOLUTE.matcher(target);
        if (!absolute.matches()) {
            return null;
        }
        String rest = absolute.group(2);
        return rest.startsWith("/") ? rest : "/" + rest;
    }

    private static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The target with every character a URI cannot hold percent-encoded: a {@code %} not followed by two
     * hex digits, controls, space, {@code "<>\^`{|}}, and anything outside ASCII (as the bytes came).
     */
    static String asUri(String target) {
        StringBuilder b = new StringBuilder(target.length() + 16);
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean escape = c == '%' && (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
                    || Character.digit(target.charAt(i + 2), 16) < 0);
            boolean allowed = c > 0x20 && c < 0x7f && "\"<>\\^`{|}#".indexOf(c) < 0;
            if (escape || !allowed) {
                b.append(String.format("%%%02X", (int) c & 0xff));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        listening.close();
        relays.shutdownNow();
    }
}
