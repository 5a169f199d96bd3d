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
 * line the front then reads again). Loopback only, like everything in the demo.
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
        try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            client.setSoTimeout(120_000);
            InputStream fromClient = client.getInputStream();
            byte[] head = head(fromClient);
            if (head == null) {
                return;
            }
            OutputStream toServer = server.getOutputStream();
            toServer.write(request(head));
            toServer.flush();
            relays.execute(() -> pipe(fromClient, toServer));
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
        } catch (IOException e) {
            // the client or the server went away: nothing to answer
        }
    }

    private static void pipe(InputStream in, OutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side closed
        }
    }

    /** The bytes up to and including the blank line that ends a head; {@code null} at the end of the stream. */
    static byte[] head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(512);
        int matched = 0;
        while (b.size() < MAX_HEAD) {
            int c = in.read();
            if (c < 0) {
                return b.size() == 0 ? null : b.toByteArray();
            }
            b.write(c);
            matched = c == '\n' && (matched == 1 || matched == 3) ? matched + 1 : c == '\r' && (matched == 0 || matched == 2) ? matched + 1 : 0;
            if (matched == 4) {
                break;
            }
        }
        return b.toByteArray();
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
        if (line.length == 3 && !isUri(line[1])) {
            String fixed = asUri(line[1]);
            if (isUri(fixed)) {
                raw = line[1];
                line[1] = fixed;
            }
        }
        out.append(String.join(" ", line)).append("\r\n");
        for (String header : text.substring(end + 2, text.length() - 4).split("\r\n")) {
            String name = header.contains(":") ? header.substring(0, header.indexOf(':')).strip().toLowerCase(Locale.ROOT) : "";
            if (!header.isEmpty() && !name.equals("connection") && !name.equals(RAW_TARGET.toLowerCase(Locale.ROOT))) {
                out.append(header).append("\r\n");
            }
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
