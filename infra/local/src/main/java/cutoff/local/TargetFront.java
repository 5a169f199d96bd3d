package cutoff.local;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * <p>One request per connection: the front reads the request's head and its whole body ({@link #body}), then
 * forwards both with {@code Connection: close} and relays the answer until the server closes, adding {@code Connection:
 * close} to the response's head so the client opens a new connection for its next request (whose request
 * line the front then reads again). The server's threads so never wait on a client: a slow one, or one that declares a
 * body and leaves, holds one of the front's threads (at most {@value #MOST_CONNECTIONS} connections at once, each with
 * read and request timeouts), never one of the server's few. Lines may end in a bare LF (RFC 9112 §2.2; passed on in CRLF). An absolute-form
 * target ({@code http://host/path}) goes on in origin-form, its authority the {@code Host} (RFC 9112 §3.2.2); one
 * beginning with {@code //} (which the JDK reads as an authority) goes on as {@code /}, the target as sent in
 * {@value #RAW_TARGET}. A head it will not pass on as it came it answers itself ({@link #refusal}: over
 * {@value #MAX_HEAD} bytes, a {@code Content-Length} that is no number or two different ones, {@code OPTIONS *} ({@code 200}), a target in
 * no form the functions take ({@code 400}); transfer codings other than chunked alone ({@code 400}, {@code 501}), a chunk
 * size that is no hexadecimal number or chunk data longer than it ({@code 400}); a body over {@value #MAX_BODY} bytes
 * ({@code 413}), or over what all connections may hold at once (a quarter of the heap, {@code 503}), or a request,
 * head or body, not complete within the request's deadline ({@code 408})); a client that stops
 * sending before its head or declared body is complete (closed, or quiet for {@value #QUIET_MILLIS} ms) is dropped, and
 * the server never hears of it. Loopback only, like everything in
 * the demo.
 */
final class TargetFront implements Closeable {
    /** The request target as the client sent it, base64 of its bytes; set by the front only. */
    static final String RAW_TARGET = "X-Cutoff-Raw-Target";
    private static final int MAX_HEAD = 64 * 1024;
    /** The largest body the front takes: API Gateway's payload limit (10 MB). */
    static final int MAX_BODY = 10 * 1024 * 1024;
    /** How long a client may be quiet between two reads, in milliseconds. */
    static final int QUIET_MILLIS = 30_000;
    /** How long a client has to send a whole request, head and body, in nanoseconds. */
    static final long REQUEST_NANOS = 60_000_000_000L;
    /** The most connections the front serves at once; more wait in the listening socket's backlog. */
    static final int MOST_CONNECTIONS = 256;

    /**
     * The most body bytes the front holds at once, over all connections: a quarter of the heap (256 bodies of 10 MB
     * would need 2.5 GB); a body that would go over it is answered {@code 503}.
     */
    static final long BODY_BUDGET = Runtime.getRuntime().maxMemory() / 4;

    private final ServerSocket listening;
    private final java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong();
    private final int backendPort;
    private final long requestNanos;
    private final java.util.concurrent.Semaphore open = new java.util.concurrent.Semaphore(MOST_CONNECTIONS);
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
        this(port, backendPort, REQUEST_NANOS);
    }

    /** As above, with a request deadline of {@code requestNanos} (tests). */
    TargetFront(int port, int backendPort, long requestNanos) throws IOException {
        this.requestNanos = requestNanos;
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
                // At most MOST_CONNECTIONS at once: the next waits in the backlog until one of them ends.
                open.acquire();
                Socket client = listening.accept();
                relays.execute(() -> {
                    try {
                        relay(client);
                    } finally {
                        open.release();
                    }
                });
            } catch (IOException | RuntimeException e) {
                open.release(); // closed, or one failed accept: the loop condition decides
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        Budget budget = new Budget(held, BODY_BUDGET);
        try (budget; client) {
            // A client quiet this long between two reads is given up on; the whole request has a deadline too.
            client.setSoTimeout(QUIET_MILLIS);
            long deadline = System.nanoTime() + requestNanos;
            // The deadline bounds the head's reads too: a head sent a byte at a time was read for as long as it came.
            InputStream fromClient = new BufferedInputStream(new Timed(client, deadline), 16 * 1024);
            OutputStream toClient = client.getOutputStream();
            byte[] head;
            byte[] body;
            try {
                head = head(fromClient);
                if (head == null) {
                    return;
                }
                head = crlf(head);
                String refusal = refusal(head);
                if (refusal != null) {
                    // Answered here, never passed on as it came: the server would get the client's own copy of the
                    // front's header, and its own answers name a Java class (NumberFormatException thrown).
                    toClient.write(refusal.getBytes(StandardCharsets.ISO_8859_1));
                    return;
                }
                if (!new String(head, StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    // The client left mid-head: passed on, the server's thread waited for the rest of it for good.
                    return;
                }
                body = body(head, fromClient, toClient, deadline, budget);
            } catch (Refused r) {
                toClient.write(r.getMessage().getBytes(StandardCharsets.ISO_8859_1));
                return;
            } catch (TimedOut t) {
                toClient.write(TIMED_OUT.getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            if (body == null) {
                return; // the client left before its declared body was complete: the server never hears of it
            }
            try (Socket server = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
                server.setTcpNoDelay(true);
                OutputStream toServer = new BufferedOutputStream(server.getOutputStream(), 16 * 1024);
                toServer.write(request(framed(head, body.length)));
                toServer.write(body);
                toServer.flush();
                InputStream fromServer = new BufferedInputStream(server.getInputStream(), 16 * 1024);
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

    /** The request's deadline passed while the front was reading it. */
    static final class TimedOut extends IOException {
        TimedOut() {
            super("the request's deadline passed", null);
        }
    }

    /**
     * The client's stream, each read bounded by {@value #QUIET_MILLIS} ms of quiet and by the request's deadline
     * ({@link TimedOut} once it has passed).
     */
    static final class Timed extends java.io.FilterInputStream {
        private final Socket socket;
        private final long deadline;

        Timed(Socket socket, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimedOut();
            }
            socket.setSoTimeout((int) Math.min(QUIET_MILLIS, left / 1_000_000 + 1));
            try {
                return super.read(b, off, len);
            } catch (java.net.SocketTimeoutException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new TimedOut();
                }
                throw e;
            }
        }
    }

    /** The body bytes one request holds, counted against a total shared by all connections. */
    static final class Budget implements Closeable {
        /** No bound (tests of one body). */
        static Budget unbounded() {
            return new Budget(new java.util.concurrent.atomic.AtomicLong(), Long.MAX_VALUE);
        }

        private final java.util.concurrent.atomic.AtomicLong held;
        private final long most;
        private long mine;

        Budget(java.util.concurrent.atomic.AtomicLong held, long most) {
            this.held = held;
            this.most = most;
        }

        /** Counts {@code n} more bytes of this request; false (nothing counted) when all requests would hold over the most. */
        boolean take(long n) {
            if (held.addAndGet(n) > most) {
                held.addAndGet(-n);
                return false;
            }
            mine += n;
            return true;
        }

        /** This request's bytes no longer held. */
        void release() {
            held.addAndGet(-mine);
            mine = 0;
        }

        @Override
        public void close() {
            release();
        }
    }

    /** The front's own answer, ready to write, to a request whose body it will not pass on. */
    static final class Refused extends Exception {
        Refused(String answer) {
            super(answer, null, false, false);
        }
    }

    /**
     * The request's whole body, read by the front before the server sees the request, so that no server thread ever
     * waits on a slow or gone client: {@code Content-Length} bytes, or a chunked body decoded (RFC 9112 §7.1), at most
     * {@value #MAX_BODY} bytes ({@code 413} beyond), within the request's deadline ({@code 408} after it; a client quiet
     * for {@value #QUIET_MILLIS} ms fails the read). A client that sent {@code Expect: 100-continue} is told to go on
     * here (RFC 9110 §10.1.1). {@code null} when the client closed before the body was complete.
     *
     * @param deadline the request's deadline, on {@link System#nanoTime}
     * @throws Refused with the front's answer (400 for a bad chunk size, 408, 413)
     */
    static byte[] body(byte[] head, InputStream in, OutputStream client, long deadline) throws IOException, Refused {
        return body(head, in, client, deadline, Budget.unbounded());
    }

    /** As above, the body's bytes counted in {@code budget} ({@code 503} when all requests would hold over its most). */
    static byte[] body(byte[] head, InputStream in, OutputStream client, long deadline, Budget budget) throws IOException, Refused {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r\n\r\n")) {
            return new byte[0];
        }
        long length = 0;
        StringBuilder codings = new StringBuilder();
        boolean expects = false;
        for (String header : text.substring(0, text.length() - 4).split("\r\n")) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> codings.append(',').append(value); // fields of one name are one list (RFC 9110 §5.3)
                // An HTTP/1.0 client's 100-continue is ignored (RFC 9110 §10.1.1): it cannot read an interim answer.
                case "expect" -> expects = value.equals("100-continue") && !text.substring(0, text.indexOf("\r\n")).endsWith(" HTTP/1.0");
                default -> {
                }
            }
        }
        boolean chunked = transferCodings(codings.toString());
        if (!chunked && length > MAX_BODY) {
            throw new Refused(TOO_LARGE);
        }
        if (expects && (chunked || length > 0)) {
            client.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.flush();
        }
        if (!chunked) {
            return exactly(in, (int) length, deadline, budget);
        }
        // Grown as chunks come: a chunk's size alone (a client that sends nothing) reserves no memory.
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        while (true) {
            String size = line(in);
            if (size == null) {
                return null;
            }
            int semicolon = size.indexOf(';');
            // chunk-size = 1*HEXDIG, then BWS before any extension (RFC 9112 §7.1): no sign, no leading space. Over
            // 15 digits is over any body taken here; fewer cannot overflow a long.
            String digits = (semicolon < 0 ? size : size.substring(0, semicolon)).stripTrailing();
            if (!HEX.matcher(digits).matches()) {
                throw new Refused(answer(400, "Bad Request", "a chunk size is not a hexadecimal number (RFC 9112 §7.1)"));
            }
            String significant = digits.replaceFirst("^0+(?=.)", "");
            if (significant.length() > 15 || Long.parseLong(significant, 16) > MAX_BODY - body.size()) {
                throw new Refused(TOO_LARGE);
            }
            long n = Long.parseLong(significant, 16);
            if (!budget.take(n)) {
                throw new Refused(BUSY);
            }
            if (n == 0) {
                // Trailer fields, up to the blank line: not passed on.
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    if (System.nanoTime() > deadline) {
                        throw new Refused(TIMED_OUT);
                    }
                }
                return body.toByteArray();
            }
            if (!copy(in, body, n, deadline)) {
                return null;
            }
            String end = line(in);
            if (end == null) {
                return null;
            }
            if (!end.isEmpty()) {
                throw new Refused(answer(400, "Bad Request", "a chunk's data is longer than its size (no CRLF after it, RFC 9112 §7.1)"));
            }
        }
    }

    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

    /**
     * True when the request's transfer codings (its {@code Transfer-Encoding} fields, joined by commas) are chunked
     * alone, false when it has none.
     *
     * @throws Refused {@code 400} when chunked is not the last coding (the body's length cannot be known, RFC 9112
     *         §6.3), {@code 501} for any other coding (RFC 9112 §6.1: the front decodes chunked only)
     */
    static boolean transferCodings(String joined) throws Refused {
        List<String> codings = new ArrayList<>();
        for (String coding : joined.split(",")) {
            if (!coding.isBlank()) {
                codings.add(coding.strip());
            }
        }
        if (codings.isEmpty()) {
            return false;
        }
        if (!codings.get(codings.size() - 1).equals("chunked")) {
            throw new Refused(answer(400, "Bad Request", "transfer-encoding does not end in chunked: the body's length is unknown (RFC 9112 §6.3)"));
        }
        if (codings.size() > 1) {
            throw new Refused(answer(501, "Not Implemented", "transfer-encoding other than chunked alone (RFC 9112 §6.1)"));
        }
        return true;
    }

    private static final String TOO_LARGE = answer(413, "Content Too Large", "the body is over " + MAX_BODY + " bytes");
    private static final String BUSY = answer(503, "Service Unavailable", "the demo holds too many request bodies at once; send again later");
    private static final String TIMED_OUT = answer(408, "Request Timeout", "the request was not complete within "
            + REQUEST_NANOS / 1_000_000_000L + " seconds");

    /**
     * A body of {@code length} bytes, its array made once its first byte came (a declared length alone reserves no
     * memory) and at that length, and passed on as it is (a buffer of the declared length and its copy held the body
     * twice; one grown as bytes come, up to 2.6 times); {@code null} when the stream ends first; {@link Refused} (408)
     * after the deadline.
     */
    private static byte[] exactly(InputStream in, int length, long deadline, Budget budget) throws IOException, Refused {
        if (length == 0) {
            return new byte[0];
        }
        if (System.nanoTime() > deadline) {
            throw new Refused(TIMED_OUT);
        }
        int first = in.read();
        if (first < 0) {
            return null;
        }
        if (!budget.take(length)) {
            throw new Refused(BUSY);
        }
        byte[] body = new byte[length];
        body[0] = (byte) first;
        for (int at = 1; at < length; ) {
            if (System.nanoTime() > deadline) {
                throw new Refused(TIMED_OUT);
            }
            int read = in.read(body, at, length - at);
            if (read < 0) {
                return null;
            }
            at += read;
        }
        return body;
    }

    /** {@code n} bytes from {@code in} to {@code out}; false when the stream ends first; {@link Refused} (408) after the deadline. */
    private static boolean copy(InputStream in, OutputStream out, long n, long deadline) throws IOException, Refused {
        byte[] buffer = new byte[16 * 1024];
        while (n > 0) {
            if (System.nanoTime() > deadline) {
                throw new Refused(TIMED_OUT);
            }
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (read < 0) {
                return false;
            }
            out.write(buffer, 0, read);
            n -= read;
        }
        return true;
    }

    /** One line of a chunked body (its size, a trailer), without its CRLF or LF; {@code null} at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(16);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            if (b.length() > MAX_HEAD) {
                throw new IOException("a chunk line over " + MAX_HEAD + " bytes");
            }
            b.append((char) c);
        }
        return b.toString().endsWith("\r") ? b.substring(0, b.length() - 1) : b.toString();
    }

    /**
     * The head as the server gets it with the body the front read: {@code Content-Length} the body's length when
     * the request declared a body, no {@code Transfer-Encoding} (the front decoded it) and no {@code Expect} (the
     * front answered it); anything but a whole head as it is.
     */
    static byte[] framed(byte[] head, int length) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n");
        if (!text.endsWith("\r\n\r\n") || end == text.length() - 4) {
            return head;
        }
        StringBuilder out = new StringBuilder(text.length() + 32).append(text, 0, end + 2);
        boolean declared = false;
        for (String header : text.substring(end + 2, text.length() - 4).split("\r\n")) {
            int colon = header.indexOf(':');
            String name = colon > 0 ? header.substring(0, colon).strip().toLowerCase(Locale.ROOT) : "";
            if (name.equals("content-length") || name.equals("transfer-encoding")) {
                declared = true;
            } else if (!name.equals("expect")) {
                out.append(header).append("\r\n");
            }
        }
        if (declared || length > 0) {
            out.append("Content-Length: ").append(length).append("\r\n");
        }
        return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
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
        Long length = null;
        for (String header : text.split("\r\n")) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).strip().equalsIgnoreCase("content-length")) {
                String value = header.substring(colon + 1).strip();
                if (!value.matches("[0-9]{1,18}")) {
                    return answer(400, "Bad Request", "content-length is not a number of bytes");
                }
                if (length != null && length != Long.parseLong(value)) {
                    return answer(400, "Bad Request", "content-length given twice, with different lengths (RFC 9112 §6.3)");
                }
                length = Long.parseLong(value);
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
