package cutoff.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.officeservice.Offices;
import cutoff.logging.JsonLog;
import cutoff.store.StaffStore;
import cutoff.testing.StaffFiles;
import cutoff.testing.TestStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The issue's bulk upload: 10,000 rows, 50 of them malformed (a local part over 64 characters, a non-ASCII
 * local part, case-only duplicates, a quoted comma and a formula in the address, another domain), with an
 * IDN address that is accepted and stored as punycode, quoted commas and formulas in good rows' names.
 */
class StaffBulkUploadIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void defaultLogging() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void tenThousandRows_storeThe9950Good_reportThe50ByLine_andAgainAddNothing_andLogNoAddressOrToken() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        JsonLog.install(lines::add);
        TestStack stack = new TestStack(Instant.parse("2026-05-10T00:00:00Z")).withShippedNotices();
        Offices.Created office = stack.wiring().offices().create("某某大学科研处", StaffFiles.DOMAINS);
        StaffFiles.File file = StaffFiles.generate("bulk", 10_000);
        assertEquals(50, file.bad().size());
        assertEquals(9_950, file.good().size());
        OfficeHandler api = new OfficeHandler(stack.wiring());

        long started = System.nanoTime();
        APIGatewayV2HTTPResponse r = api.handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff",
                office.apiKey(), "text/csv", file.csv()), new LambdaContext("req-upload"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("10,000-row upload: " + millis + " ms");
        assertEquals(200, r.getStatusCode(), r.getBody().substring(0, Math.min(500, r.getBody().length())));
        JsonNode answer = JSON.readTree(r.getBody());
        assertEquals(10_000, answer.get("received").asInt());
        assertEquals(9_950, answer.get("added").asInt());
        assertEquals(50, answer.get("rejected").asInt());
        Set<Integer> reported = new TreeSet<>();
        answer.get("errors").forEach(e -> reported.add(e.get("line").asInt()));
        assertEquals(new TreeSet<>(file.bad()), reported);
        List<String> reasons = new ArrayList<>();
        answer.get("errors").forEach(e -> reasons.add(e.get("reason").asText()));
        assertTrue(reasons.stream().anyMatch(x -> x.contains("at most 64")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(x -> x.contains("ASCII")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(x -> x.contains("the same address as line")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(x -> x.contains("not this office's")), reasons.toString());
        Set<String> codes = new TreeSet<>();
        answer.get("errors").forEach(e -> codes.add(e.get("code").asText()));
        assertTrue(codes.containsAll(Set.of("local_part_too_long", "bad_local_part_character", "duplicate", "wrong_domain")),
                codes.toString());

        List<StaffStore.StaffRow> stored = stack.wiring().staffStore().staff(office.office().id());
        assertEquals(9_950, stored.size());
        assertTrue(stack.wiring().staffStore().staffRow(office.office().id(), StaffFiles.IDN_STORED).isPresent(), "the IDN row, as punycode");
        assertTrue(stored.stream().anyMatch(s -> s.member().name().equals("=SUM(A1:A9)")), "a formula-like name is data");
        assertTrue(stored.stream().anyMatch(s -> s.member().name().startsWith("Zhang, San")), "a quoted comma");

        JsonNode again = JSON.readTree(api.handleRequest(OfficeApiIT.request("POST", "/orgs/" + office.office().id() + "/staff",
                office.apiKey(), "text/csv", file.csv()), new LambdaContext("req-upload-again")).getBody());
        assertEquals(0, again.get("added").asInt());
        assertEquals(0, again.get("updated").asInt());
        assertEquals(9_950, again.get("unchanged").asInt());
        assertEquals(50, again.get("rejected").asInt());
        assertEquals(9_950, stack.wiring().staffStore().staff(office.office().id()).size());

        // A dispatcher run that welcomes the first 20, then runs out of time.
        AtomicInteger budget = new AtomicInteger(60);
        var report = stack.wiring().staffQueue(() -> 1000).run("run-welcome", () -> budget.decrementAndGet() > 0);
        assertTrue(report.welcomed() > 0, report.toString());

        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertFalse(line.contains(office.apiKey()), line);
            assertFalse(line.contains("@"), "an address in the log: " + line);
        }
        // The tokens the welcome emails carried (feed, manage): none in the log.
        Set<String> good = new java.util.HashSet<>(file.good());
        List<String> tokens = new ArrayList<>();
        for (cutoff.testing.LocalSes.Sent sent : cutoff.testing.LocalSes.sent()) {
            if (sent.to().stream().anyMatch(good::contains)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:token=|/feeds/personal/)([A-Za-z0-9_-]{43})").matcher(sent.text());
                while (m.find()) {
                    tokens.add(m.group(1));
                }
            }
        }
        assertTrue(tokens.size() >= 2 * report.welcomed(), tokens.size() + " tokens for " + report.welcomed() + " welcomes");
        for (String token : tokens) {
            for (String line : lines) {
                assertFalse(line.contains(token), line);
            }
        }
        for (String address : file.good()) {
            for (String line : lines) {
                assertFalse(line.contains(address), line);
            }
        }
    }
}
