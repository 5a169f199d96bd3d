package cutoff.officeservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.notice.Notice;
import cutoff.notice.Topic;
import cutoff.office.Office;
import cutoff.office.StaffMember;
import cutoff.officeservice.Offices.Broken;
import cutoff.officeservice.Offices.RowError;
import cutoff.officeservice.Offices.StaffInput;
import cutoff.officeservice.Offices.StaffView;
import cutoff.officeservice.Offices.UploadResult;
import cutoff.subscriber.EmailAddress;
import cutoff.subscription.SubscriptionSettings;
import cutoff.testing.OfficeSide;
import cutoff.testing.Project;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The staff upload's checks ({@link Offices#upload}) and the office's mail domains ({@link Offices#create}), over an
 * in-memory table: which rows are kept, which are refused with which line, field, code and reason, duplicates, the
 * limits at and one past them, and public mail domains. Rows are generated from one good row, broken one way each.
 */
class OfficesTest {
    private static final Instant NOW = Instant.parse("2026-05-20T01:00:00Z");
    private static final String DOMAIN = "example.edu.cn";
    // Read in @BeforeAll, not a static initializer: in a lone copy (sam build) Project's skip then reports the class
    // skipped, where an initializer's error would fail it.
    private static List<Notice> notices;
    private static String topic;
    /** A notice of {@link SubscriptionSettings#MAX_TOPICS} + 1 topics: naming it names one topic too many. */
    private static Notice wide;

    private OfficeSide side;
    private Office office;

    @BeforeAll
    static void readTheShippedNotices() {
        notices = new ArrayList<>(Project.shippedNotices());
        topic = notices.get(0).topics().get(0).id();
        Notice base = notices.get(0);
        Topic first = base.topics().get(0);
        String id = "2026-99-0000aa";
        List<Topic> many = IntStream.rangeClosed(1, SubscriptionSettings.MAX_TOPICS + 1).mapToObj(i -> new Topic(id + "-t" + i, first.key(),
                first.programme(), first.title() + " " + i, first.directions(), first.window(), first.foreignDeadlines(), first.deadlines(),
                first.fundingCapWan(), first.projectPeriod(), first.fields())).toList();
        wide = new Notice(id, base.documentNumber(), base.issuer(), base.relayedBy(), base.title(), base.signedOn(),
                base.applicationSite(), many, base.missing(), base.review(), base.caveat());
        notices.add(wide);
    }

    @BeforeEach
    void anOffice() {
        side = new OfficeSide(NOW).withNotices(notices);
        office = side.offices.create("理工大学科研处 Research Office", List.of(DOMAIN)).office();
    }

    private static StaffInput good(int line, String email) {
        return new StaffInput(line, email, "李伟 Li Wei", "物理学院 Physics", List.of(topic), "zh", List.of("P7D"), null);
    }

    private static StaffInput with(StaffInput r, List<String> topics, String language, List<String> leadTimes) {
        return new StaffInput(r.line(), r.email(), r.name(), r.department(), topics, language, leadTimes, r.broken());
    }

    private static StaffInput named(StaffInput r, String name, String department) {
        return new StaffInput(r.line(), r.email(), name, department, r.topics(), r.language(), r.leadTimes(), r.broken());
    }

    private static String codeOf(String email) {
        try {
            EmailAddress.parse(email);
            throw new AssertionError(email + " is an address");
        } catch (EmailAddress.Invalid e) {
            return e.code();
        }
    }

    /** One way to break a good row: the field and code the upload must answer with ({@code null} field: the row). */
    private record Form(String what, UnaryOperator<StaffInput> breaking, String field, String code) {
    }

    private static List<Form> forms() {
        List<String> tooManyRules = IntStream.rangeClosed(1, Offices.MAX_RULES + 1).mapToObj(i -> "issuer:委员会" + i).toList();
        List<String> tooManyLeads = IntStream.rangeClosed(1, SubscriptionSettings.MAX_LEAD_TIMES + 1).mapToObj(i -> "P" + i + "D").toList();
        return List.of(
                new Form("no @", r -> new StaffInput(r.line(), r.email().replace("@", "."), r.name(), r.department(), r.topics(),
                        r.language(), r.leadTimes(), null), "email", codeOf("bad.example.edu.cn")),
                new Form("another domain", r -> new StaffInput(r.line(), r.email().replace(DOMAIN, "example.com"), r.name(), r.department(),
                        r.topics(), r.language(), r.leadTimes(), null), "email", "wrong_domain"),
                new Form("a domain ending like the office's", r -> new StaffInput(r.line(), r.email().replace(DOMAIN, "not" + DOMAIN),
                        r.name(), r.department(), r.topics(), r.language(), r.leadTimes(), null), "email", "wrong_domain"),
                new Form("long name", r -> named(r, "名".repeat(StaffMember.MAX_TEXT + 1), r.department()), "name", "text_too_long"),
                new Form("line break in the department", r -> named(r, r.name(), "物理\n学院"), "department", "control_character"),
                new Form("control character in the name", r -> named(r, "Li\u0007Wei", r.department()), "name", "control_character"),
                new Form("issuer: without a name", r -> with(r, List.of(topic, "issuer: "), "zh", List.of()), "topics", "bad_follow_rule"),
                new Form("a topic that is not stored", r -> with(r, List.of(topic + "9"), "zh", List.of()), "topics", "unknown_topic"),
                new Form("not an id at all", r -> with(r, List.of("physics"), "zh", List.of()), "topics", "unknown_topic"),
                new Form("too many follow rules", r -> with(r, tooManyRules, "zh", List.of()), "topics", "too_many_rules"),
                new Form("no topics", r -> with(r, List.of(), "zh", List.of()), "topics", "no_topics"),
                new Form("only blank topics", r -> with(r, List.of(" ", ""), "zh", List.of()), "topics", "no_topics"),
                new Form("a notice of too many topics", r -> with(r, List.of(wide.id()), "zh", List.of()), "topics", "too_many_topics"),
                new Form("another language", r -> with(r, r.topics(), "fr", List.of()), "language", "bad_language"),
                new Form("a lead time in months", r -> with(r, r.topics(), "zh", List.of("P1M")), "leadTimes", "bad_lead_time"),
                new Form("a lead time over 60 days", r -> with(r, r.topics(), "zh", List.of("P61D")), "leadTimes", "bad_lead_time"),
                new Form("too many lead times", r -> with(r, r.topics(), "zh", tooManyLeads), "leadTimes", "too_many_lead_times"),
                new Form("more cells than columns", r -> new StaffInput(r.line(), r.email(), r.name(), r.department(), r.topics(),
                        r.language(), r.leadTimes(), Broken.TOO_MANY_CELLS), null, Broken.TOO_MANY_CELLS.code()),
                new Form("a null entry", r -> new StaffInput(r.line(), "", null, null, List.of(), null, List.of(), Broken.NULL_ENTRY),
                        null, Broken.NULL_ENTRY.code()));
    }

    @Test
    void eachBrokenRow_isRefusedWithItsLineFieldAndCode_andEveryGoodRowIsKept() {
        List<Form> forms = forms();
        List<StaffInput> rows = new ArrayList<>();
        List<String> goodAddresses = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            // Header on line 1; a broken row, then a good one.
            rows.add(forms.get(i).breaking().apply(good(2 + 2 * i, "bad" + i + "@" + DOMAIN)));
            String ok = "good" + i + "@" + (i % 2 == 0 ? DOMAIN : "phys." + DOMAIN);
            rows.add(good(3 + 2 * i, ok));
            goodAddresses.add(ok);
        }
        UploadResult r = side.offices.upload(office, rows);

        assertEquals(rows.size(), r.received());
        assertEquals(forms.size(), r.added(), "every good row, a subdomain's included");
        assertEquals(forms.size(), r.rejected());
        assertEquals(forms.size(), r.errors().size());
        for (int i = 0; i < forms.size(); i++) {
            Form f = forms.get(i);
            RowError e = r.errors().get(i);
            StaffInput given = rows.get(2 * i);
            assertEquals(given.line(), e.line(), f.what());
            assertEquals(given.email().strip(), e.email(), f.what() + ": the address as given");
            assertEquals(f.field(), e.field(), f.what());
            assertEquals(f.code(), e.code(), f.what());
            assertTrue(f.field() == null ? e.reason().equals(given.broken().reason()) : e.reason().startsWith(f.field() + ": "),
                    f.what() + ": " + e.reason());
        }
        assertEquals(goodAddresses.stream().sorted().toList(), side.offices.all(office).stream().map(v -> v.member().email()).toList(),
                "the office's list holds the good rows and nothing else");
        assertEquals(forms.size(), side.table.queued().size(), "each good row waits for the staff queue");
    }

    @Test
    void aRepeatedAddress_isRefusedNamingTheLineThatTookIt_andARefusedRowTakesNothing() {
        List<StaffInput> rows = List.of(
                good(2, "Li.Wei@Example.EDU.cn"),
                named(good(3, "li.wei@example.edu.cn"), "Someone Else", "Chemistry"),
                with(good(4, "wang.fang@" + DOMAIN), List.of(topic), "fr", List.of()),
                named(good(5, "WANG.FANG@" + DOMAIN), "王芳", "化学学院"),
                good(6, " wang.fang@" + DOMAIN + " "));
        UploadResult r = side.offices.upload(office, rows);

        assertEquals(List.of(3, 4, 6), r.errors().stream().map(RowError::line).toList());
        assertEquals(List.of("duplicate", "bad_language", "duplicate"), r.errors().stream().map(RowError::code).toList());
        assertTrue(r.errors().get(0).reason().contains("line 2"), r.errors().get(0).reason());
        assertTrue(r.errors().get(2).reason().contains("line 5"), "line 4 was refused, so line 5 took the address: "
                + r.errors().get(2).reason());
        List<StaffView> listed = side.offices.all(office);
        assertEquals(List.of("li.wei@example.edu.cn", "wang.fang@example.edu.cn"), listed.stream().map(v -> v.member().email()).toList());
        assertEquals("物理学院 Physics", listed.get(0).member().department(), "the first row's");
        assertEquals("化学学院", listed.get(1).member().department(), "the row that was taken");
    }

    @Test
    void eachLimit_isTakenAtItsValue_andRefusedOnePast() {
        record Limit(String field, String code, java.util.function.IntFunction<UnaryOperator<StaffInput>> at, int value) {
        }
        List<Limit> limits = List.of(
                new Limit("topics", "too_many_rules", n -> r -> with(r, IntStream.rangeClosed(1, n).mapToObj(i -> "issuer:委员会" + i).toList(),
                        "zh", List.of()), Offices.MAX_RULES),
                new Limit("leadTimes", "too_many_lead_times", n -> r -> with(r, r.topics(), "en",
                        IntStream.rangeClosed(1, n).mapToObj(i -> "PT" + i + "H").toList()), SubscriptionSettings.MAX_LEAD_TIMES),
                new Limit("name", "text_too_long", n -> r -> named(r, "x".repeat(n), r.department()), StaffMember.MAX_TEXT),
                new Limit("department", "text_too_long", n -> r -> named(r, r.name(), "系".repeat(n)), StaffMember.MAX_TEXT),
                new Limit("topics", "too_many_topics", n -> r -> with(r, IntStream.rangeClosed(1, n).mapToObj(i -> wide.id() + "-t" + i).toList(),
                        "zh", List.of()), SubscriptionSettings.MAX_TOPICS));
        for (Limit l : limits) {
            UploadResult r = side.offices.upload(office, List.of(l.at().apply(l.value()).apply(good(2, "at" + limits.indexOf(l) + "@" + DOMAIN)),
                    l.at().apply(l.value() + 1).apply(good(3, "past" + limits.indexOf(l) + "@" + DOMAIN))));
            assertEquals(1, r.added(), l.code() + " at " + l.value() + ": " + r.errors());
            assertEquals(1, r.errors().size(), l.code() + " at " + (l.value() + 1));
            assertEquals(3, r.errors().get(0).line());
            assertEquals(l.field(), r.errors().get(0).field());
            assertEquals(l.code(), r.errors().get(0).code());
        }
    }

    @Test
    void uploadingAgain_countsWhatChanged_andTheOfficeSeesTheNewValues() {
        List<StaffInput> rows = IntStream.range(0, 5).mapToObj(i -> good(2 + i, "p" + i + "@" + DOMAIN)).toList();
        assertEquals(5, side.offices.upload(office, rows).added());

        UploadResult same = side.offices.upload(office, rows);
        assertEquals(List.of(0, 0, 5, 0), List.of(same.added(), same.updated(), same.unchanged(), same.rejected()));

        List<StaffInput> changed = new ArrayList<>(rows);
        changed.set(1, named(rows.get(1), "New Name", "New Department"));
        changed.add(good(7, "p5@" + DOMAIN));
        UploadResult r = side.offices.upload(office, changed);
        assertEquals(List.of(1, 1, 4, 0), List.of(r.added(), r.updated(), r.unchanged(), r.rejected()));
        assertEquals("New Department", side.offices.all(office).get(1).member().department());
    }

    @Test
    void everyPublicMailDomain_andOneUnderIt_isRefusedForAnOffice_unlessTheOperatorAllowsIt() throws IOException {
        List<String> listed = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Offices.class.getResourceAsStream("/office/public-mail-domains.txt"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("=")) {
                    listed.add(line);
                }
            }
        }
        assertTrue(listed.containsAll(List.of("gmail.com", "qq.com", "163.com")), "the list holds the common ones");
        for (String d : listed) {
            for (String domain : List.of(d, "staff." + d)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> side.offices.create("Office", List.of(DOMAIN, domain)), domain);
                assertTrue(e.getMessage().contains(domain), e.getMessage());
            }
        }
        Office own = side.offices.create("Office", List.of("qq.com"), true).office();
        assertEquals(List.of("qq.com"), own.emailDomains());
        assertEquals(1, side.offices.upload(own, List.of(good(2, "li.wei@qq.com"))).added(), "an office that owns one uploads its staff");
    }
}
