package cutoff.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import cutoff.testing.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The demo front's rewriting of a request head: any target becomes one the JDK's server takes, the original kept. */
class TargetFrontTest {
    private static String request(String head) {
        return new String(TargetFront.request(head.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anyTarget_becomesAUri_thatKeepsItsValidEscapesAndPath() throws Exception {
        Random r = new Random(3986);
        String alphabet = "/?&=%zZ09aF<>\"{}|\\^` #\u0001\u007f\u00e4\u0080\u00ff+.~:@";
        for (int i = 0; i < 5000; i++) {
            // (A target starting "//" reads as an authority: not one the front rewrites.)
            StringBuilder t = new StringBuilder("/a");
            for (int n = r.nextInt(20); n > 0; n--) {
                t.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String fixed = TargetFront.asUri(t.toString());
            new URI(fixed); // throws when the JDK's server would refuse it
        }
        assertEquals("/subscriptions/manage?token=%25zz&a=%41", TargetFront.asUri("/subscriptions/manage?token=%zz&a=%41"));
    }

    @Test
    void aTargetTheJdkWouldRefuse_isRewritten_andTheOriginalTravelsInTheFrontsOwnHeader() {
        String head = request("GET /x?token=%zz HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n"
                + TargetFront.RAW_TARGET + ": Zm9yZ2Vk\r\n\r\n");
        assertTrue(head.startsWith("GET /x?token=%25zz HTTP/1.1\r\nHost: a\r\n"), head);
        assertTrue(head.endsWith("Connection: close\r\n\r\n"), head);
        assertFalse(head.contains("keep-alive") || head.contains("Zm9yZ2Vk"), head);
        String raw = head.replaceAll("(?s).*" + TargetFront.RAW_TARGET + ": ([^\r]+)\r\n.*", "$1");
        assertEquals("/x?token=%zz", new String(Base64.getDecoder().decode(raw), StandardCharsets.ISO_8859_1));
        // A target that is a URI goes as it is, and a client's own raw-target header never does.
        String plain = request("GET /x?token=ab HTTP/1.1\r\n" + TargetFront.RAW_TARGET.toLowerCase() + ": Zm9yZ2Vk\r\n\r\n");
        assertEquals("GET /x?token=ab HTTP/1.1\r\nConnection: close\r\n\r\n", plain);
    }

    @Test
    void theResponseSaysTheConnectionCloses_anInterimOneIsLeftAlone() {
        String ok = new String(TargetFront.response("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n", ok);
        byte[] cont = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(TargetFront.response(cont), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aHeadOfTheRequestLineAlone_isPassedOnWithConnectionClose() {
        assertEquals("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", request("GET / HTTP/1.1\r\n\r\n"));
        assertEquals("GET /%25zz HTTP/1.0\r\n" + TargetFront.RAW_TARGET + ": LyV6eg==\r\nConnection: close\r\n\r\n",
                request("GET /%zz HTTP/1.0\r\n\r\n"));
    }

    private static String raw(String target) {
        return Base64.getEncoder().encodeToString(target.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aHeadWhoseLinesEndInABareLf_endsAtItsBlankLine_andGoesOnInCrlf() throws Exception {
        // RFC 9112 §2.2: a bare LF may end a line. The front looked for CRLFCRLF alone and waited two minutes.
        for (String eol : new String[] {"\n", "\r\n"}) {
            for (String last : new String[] {"\n", "\r\n"}) {
                String sent = "GET /x HTTP/1.1" + eol + "Host: a" + eol + last;
                byte[] head = TargetFront.head(new java.io.ByteArrayInputStream((sent + "{body}").getBytes(StandardCharsets.ISO_8859_1)));
                assertEquals(sent, new String(head, StandardCharsets.ISO_8859_1));
                assertEquals("GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                        new String(TargetFront.request(TargetFront.crlf(head)), StandardCharsets.ISO_8859_1));
            }
        }
        // A CR inside a line is no line end.
        byte[] head = TargetFront.head(new java.io.ByteArrayInputStream("GET /x HTTP/1.1\r\nX: a\rb\r\n\r\nrest".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("GET /x HTTP/1.1\r\nX: a\rb\r\n\r\n", new String(head, StandardCharsets.ISO_8859_1));
    }

    @Test
    void anAbsoluteFormTarget_isReducedToOriginForm_itsAuthorityTheHost_beforeTheRewrite() {
        String head = request("GET http://127.0.0.1:9/subscriptions/confirm?token=%zz HTTP/1.1\r\nHost: other\r\n\r\n");
        assertEquals("GET /subscriptions/confirm?token=%25zz HTTP/1.1\r\nHost: 127.0.0.1:9\r\n" + TargetFront.RAW_TARGET + ": "
                + raw("/subscriptions/confirm?token=%zz") + "\r\nConnection: close\r\n\r\n", head);
        assertEquals("GET /?a=1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", request("GET HTTP://u@h?a=1 HTTP/1.1\r\n\r\n"));
        assertEquals("/", TargetFront.originForm("http://h"));
        assertEquals("/p", TargetFront.originForm("https://h:1/p"));
        assertEquals(null, TargetFront.originForm("mailto:a@b"));
    }

    @Test
    void aTargetBeginningWithTwoSlashes_reachesTheHandlersAsSent() {
        // The JDK read "//subscriptions" as an authority and answered "No context found" itself.
        for (String target : new String[] {"//subscriptions", "//", "//orgs/x?y=%zz", "http://h//feeds/all.ics"}) {
            String sent = target.startsWith("http") ? target.substring("http://h".length()) : target;
            assertEquals("GET / HTTP/1.1\r\n" + (target.startsWith("http") ? "Host: h\r\n" : "") + TargetFront.RAW_TARGET + ": "
                    + raw(sent) + "\r\nConnection: close\r\n\r\n", request("GET " + target + " HTTP/1.1\r\n\r\n"));
        }
    }

    @Test
    void asteriskForm_isOptionsAlone_andATargetOfNoForm_isTheFrontsBadRequest() {
        String options = TargetFront.refusal("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", options);
        String star = TargetFront.refusal("GET * HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(star.startsWith("HTTP/1.1 400 ") && star.endsWith("the request target * is for OPTIONS only (RFC 9112 §3.2.4)\n"), star);
        for (String target : new String[] {"subscriptions", "?a=1", "mailto:a@b", "%2Fx", "http:/x"}) {
            String bad = TargetFront.refusal(("GET " + target + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(bad != null && bad.startsWith("HTTP/1.1 400 ") && bad.contains("neither a path"), target + ": " + bad);
        }
        assertEquals(null, TargetFront.refusal("GET /subscriptions HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(null, TargetFront.refusal("GET http://h/x HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** One request through a front before a JDK server with one worker (as the demo's, whose four a few clients could hold). */
    private static String exchange(int frontPort, byte[] sent, boolean thenClose) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), frontPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(sent);
            if (thenClose) {
                return "";
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aHeadTooLong_aBadContentLength_andAClientGoneMidBody_areTheFrontsToAnswer_andTheServerStaysFree() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        HttpServer server = oneWorker(worker);
        int port = Ports.free();
        try (TargetFront front = new TargetFront(port, server.getAddress().getPort())) {
            // A head over 64 KiB: the front cut it there and used to pass it on as it came, the client's own copy
            // of the front's header (read below the cut) and all, keeping the connection open to the server.
            String forged = Base64.getEncoder().encodeToString("/x?token=%zz".getBytes(StandardCharsets.ISO_8859_1));
            String tooLong = exchange(port, ("GET /x HTTP/1.1\r\nX-Pad: " + "p".repeat(66_000) + "\r\n" + TargetFront.RAW_TARGET
                    + ": " + forged + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(tooLong.startsWith("HTTP/1.1 431 "), tooLong);
            assertFalse(tooLong.contains("raw="), tooLong);
            // A Content-Length the JDK cannot read: its own answer was "NumberFormatException thrown".
            String badLength = exchange(port, "POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n{}"
                    .getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(badLength.startsWith("HTTP/1.1 400 ") && badLength.endsWith("content-length is not a number of bytes\n"),
                    badLength);
            assertFalse(badLength.contains("Exception"), badLength);
            // A client that declares a body, sends part of it and leaves: the server's worker waited for the rest
            // for good, and the next request was never answered.
            exchange(port, "POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\n{".getBytes(StandardCharsets.ISO_8859_1), true);
            String next = exchange(port, "GET /y HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(next.startsWith("HTTP/1.1 200 ") && next.endsWith("raw=null body=0"), next);
            // Bare LF line ends: answered at once, not after the two-minute wait (the socket gives up after ten seconds).
            String lf = exchange(port, "GET /y HTTP/1.1\nHost: a\n\n".getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(lf.startsWith("HTTP/1.1 200 ") && lf.endsWith("raw=null body=0"), lf);
            String slashes = exchange(port, "GET //subscriptions HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(slashes.startsWith("HTTP/1.1 200 ") && slashes.endsWith("raw=" + raw("//subscriptions") + " body=0"), slashes);
        } finally {
            server.stop(0);
            worker.shutdownNow();
        }
    }

    /** A JDK server with one worker (as the demo's, whose few a few clients could hold) answering what it got. */
    private static HttpServer oneWorker(ExecutorService worker) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(worker);
        server.createContext("/", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            String raw = x.getRequestHeaders().getFirst(TargetFront.RAW_TARGET);
            String expect = x.getRequestHeaders().getFirst("Expect");
            byte[] answer = ("raw=" + raw + " body=" + body.length + (expect == null ? "" : " expect=" + expect)
                    + (body.length > 0 && body.length < 64 ? " " + new String(body, StandardCharsets.ISO_8859_1) : ""))
                    .getBytes(StandardCharsets.ISO_8859_1);
            x.sendResponseHeaders(200, answer.length);
            x.getResponseBody().write(answer);
            x.close();
        });
        server.start();
        return server;
    }

    @Test
    void clientsHoldingTheirBodies_holdNoServerThread_andBodiesReachItWhole() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        HttpServer server = oneWorker(worker);
        int port = Ports.free();
        List<Socket> slow = new ArrayList<>();
        try (TargetFront front = new TargetFront(port, server.getAddress().getPort())) {
            // Clients that declare a body, send a part and keep their connections open: the old front passed each on
            // at once, and the server's worker waited for the rest.
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                slow.add(s);
                s.getOutputStream().write(("POST /slow HTTP/1.1\r\nContent-Length: " + (10 + i) + "\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            }
            String next = exchange(port, "GET /y HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(next.startsWith("HTTP/1.1 200 ") && next.endsWith("raw=null body=0"), next);
            // A chunked body (RFC 9112 §7.1), extensions and a trailer: the server gets it decoded, with its length.
            String chunked = exchange(port, ("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;x=y\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(chunked.startsWith("HTTP/1.1 200 ") && chunked.endsWith("raw=null body=12 hello, world"), chunked);
            String badChunk = exchange(port, "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(badChunk.startsWith("HTTP/1.1 400 ") && badChunk.contains("chunk size"), badChunk);
            // Expect: 100-continue is the front's to answer; the server gets the body and no Expect.
            String expect = exchange(port, "POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}"
                    .getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(expect.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 ") && expect.endsWith("raw=null body=2 {}"), expect);
            String tooLarge = exchange(port, ("POST /big HTTP/1.1\r\nContent-Length: " + (TargetFront.MAX_BODY + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(tooLarge.startsWith("HTTP/1.1 413 ") && tooLarge.endsWith("the body is over " + TargetFront.MAX_BODY + " bytes\n"),
                    tooLarge);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
            server.stop(0);
            worker.shutdownNow();
        }
    }

    @Test
    void aBodyNotCompleteByTheDeadline_isTheFrontsRequestTimeout() throws Exception {
        byte[] head = "POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        TargetFront.Refused late = org.junit.jupiter.api.Assertions.assertThrows(TargetFront.Refused.class, () -> TargetFront.body(head,
                new java.io.ByteArrayInputStream(new byte[] {'{', '}', '\n'}), toClient, System.nanoTime() - 1));
        assertTrue(late.getMessage().startsWith("HTTP/1.1 408 "), late.getMessage());
        assertEquals("{}\n", new String(TargetFront.body(head, new java.io.ByteArrayInputStream(new byte[] {'{', '}', '\n'}), toClient,
                System.nanoTime() + 1_000_000_000L), StandardCharsets.ISO_8859_1));
        assertEquals(null, TargetFront.body(head, new java.io.ByteArrayInputStream(new byte[] {'{'}), toClient, System.nanoTime() + 1_000_000_000L),
                "a client gone mid-body: nothing to pass on");
        assertEquals(0, toClient.size(), "no Expect, no interim answer");
    }

    /** An endless body: as many bytes as are asked for; counts them. */
    private static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'a');
            read += len;
            return len;
        }
    }

    private static String refused(String head, InputStream in) {
        TargetFront.Refused r = org.junit.jupiter.api.Assertions.assertThrows(TargetFront.Refused.class, () -> TargetFront.body(
                head.getBytes(StandardCharsets.ISO_8859_1), in, new ByteArrayOutputStream(), System.nanoTime() + 30_000_000_000L));
        return r.getMessage();
    }

    private static InputStream bytes(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aChunkSizeNearTheLargestLong_isTooLarge_notABodyReadWithoutBound() {
        String chunked = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        // 1 + 0x7fffffffffffffff overflowed to a negative total, passed the 10 MB check, and the front read the endless
        // body into memory until the deadline.
        for (String size : new String[] {"7fffffffffffffff", "ffffffffffffffff", "0000000000000000007fffffffffffffff",
                Long.toHexString(TargetFront.MAX_BODY)}) {
            Endless endless = new Endless();
            java.io.SequenceInputStream in = new java.io.SequenceInputStream(bytes("1\r\na\r\n" + size + "\r\n"), endless);
            String answer = refused(chunked, in);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), size + ": " + answer);
            assertEquals(0, endless.read, size + ": no byte of the chunk read");
        }
        // Sizes that are no hexadecimal number by RFC 9112 §7.1: a sign, a leading space, 0x, none.
        for (String size : new String[] {"-5", "+5", " 5", "0x5", "", ";x=y"}) {
            String answer = refused(chunked, bytes(size + "\r\nhello\r\n0\r\n\r\n"));
            assertTrue(answer.startsWith("HTTP/1.1 400 ") && answer.contains("chunk size"), "'" + size + "': " + answer);
        }
        // Data longer than its size: the rest of its line was skipped, the body read short.
        String longer = refused(chunked, bytes("5\r\nhelloXX\r\n0\r\n\r\n"));
        assertTrue(longer.startsWith("HTTP/1.1 400 ") && longer.contains("longer than its size"), longer);
    }

    @Test
    void transferCodingsOtherThanChunkedAlone_areRefused_andDifferingLengthsToo() throws Exception {
        // "chunked, identity" and "xchunked" were read by Content-Length (or as chunked), the coding dropped on the way.
        for (String codings : new String[] {"Transfer-Encoding: chunked, identity", "Transfer-Encoding: xchunked",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity", "Transfer-Encoding: identity"}) {
            String answer = refused("POST /x HTTP/1.1\r\n" + codings + "\r\nContent-Length: 5\r\n\r\n", bytes("hello"));
            assertTrue(answer.startsWith("HTTP/1.1 400 ") && answer.contains("does not end in chunked"), codings + ": " + answer);
        }
        for (String codings : new String[] {"Transfer-Encoding: gzip, chunked", "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked"}) {
            String answer = refused("POST /x HTTP/1.1\r\n" + codings + "\r\n\r\n", bytes("5\r\nhello\r\n0\r\n\r\n"));
            assertTrue(answer.startsWith("HTTP/1.1 501 "), codings + ": " + answer);
        }
        // Chunked with a Content-Length: chunked decides (RFC 9112 §6.3), the server gets the decoded length alone.
        byte[] head = "POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: Chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = TargetFront.body(head, bytes("5\r\nhello\r\n0\r\n\r\n"), new ByteArrayOutputStream(), System.nanoTime() + 30_000_000_000L);
        assertEquals("hello", new String(body, StandardCharsets.ISO_8859_1));
        String framed = new String(TargetFront.framed(head, body.length), StandardCharsets.ISO_8859_1);
        assertEquals("POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\n", framed);
        String twice = TargetFront.refusal("POST /x HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(twice != null && twice.startsWith("HTTP/1.1 400 ") && twice.contains("different lengths"), twice);
        assertEquals(null, TargetFront.refusal("POST /x HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 05\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1)), "the same length twice is one length");
        // An HTTP/1.0 client's 100-continue is ignored: no interim answer it could not read.
        ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        TargetFront.body("POST /x HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                bytes("{}"), toClient, System.nanoTime() + 30_000_000_000L);
        assertEquals(0, toClient.size());
    }

    @Test
    void aHeadCutShort_neverReachesTheServer_andAHeadSentSlowly_isTimedOut() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        HttpServer server = oneWorker(worker);
        int port = Ports.free();
        try (TargetFront front = new TargetFront(port, server.getAddress().getPort(), 1_500_000_000L);
                Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
            // A head without its blank line, then the client closes: it was passed on, and the server's one worker
            // waited for the rest of it for good; the next request was never answered.
            exchange(port, "GET /x HTTP/1.1\r\nHost: a\r\n".getBytes(StandardCharsets.ISO_8859_1), true);
            String next = exchange(port, "GET /y HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), false);
            assertTrue(next.startsWith("HTTP/1.1 200 ") && next.endsWith("raw=null body=0"), next);
            // A head a byte at a time, never quiet for long: the request's deadline ends it (408), not its 64 KiB.
            slow.setSoTimeout(10_000);
            OutputStream out = slow.getOutputStream();
            long start = System.nanoTime();
            String answer = null;
            for (int i = 0; i < 100 && answer == null; i++) {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(50);
                if (slow.getInputStream().available() > 0) {
                    break;
                }
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            slow.getInputStream().transferTo(got);
            answer = got.toString(StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(System.nanoTime() - start < 4_000_000_000L, "answered by the deadline");
        } finally {
            server.stop(0);
            worker.shutdownNow();
        }
    }

    @Test
    void bodiesOverTheSharedBudget_areTheFrontsServiceUnavailable_untilOthersAreDone() throws Exception {
        java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong();
        long deadline = System.nanoTime() + 30_000_000_000L;
        byte[] eight = "POST /x HTTP/1.1\r\nContent-Length: 8\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        TargetFront.Budget first = new TargetFront.Budget(held, 10);
        assertEquals("12345678", new String(TargetFront.body(eight, bytes("12345678"), new ByteArrayOutputStream(), deadline, first),
                StandardCharsets.ISO_8859_1));
        // 256 connections of 10 MB each were held at once, whatever the heap: a second body now goes over the most.
        for (String second : new String[] {"POST /x HTTP/1.1\r\nContent-Length: 8\r\n\r\n12345678",
                "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n0\r\n\r\n"}) {
            int blank = second.indexOf("\r\n\r\n") + 4;
            TargetFront.Refused busy = org.junit.jupiter.api.Assertions.assertThrows(TargetFront.Refused.class, () -> TargetFront.body(
                    second.substring(0, blank).getBytes(StandardCharsets.ISO_8859_1), bytes(second.substring(blank)),
                    new ByteArrayOutputStream(), deadline, new TargetFront.Budget(held, 10)));
            assertTrue(busy.getMessage().startsWith("HTTP/1.1 503 "), busy.getMessage());
        }
        assertEquals(8, held.get(), "a refused body holds nothing");
        first.close();
        assertEquals(0, held.get());
        assertEquals(8, TargetFront.body(eight, bytes("12345678"), new ByteArrayOutputStream(), deadline,
                new TargetFront.Budget(held, 10)).length, "room again once the first is done");
    }
}
