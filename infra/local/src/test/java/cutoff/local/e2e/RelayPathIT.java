package cutoff.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cutoff.testing.LocalSes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A research office's relay from file to its staff's feeds in a browser (issue 19's second browser test): an office
 * made as the demo makes one ({@code cutoff org create}, in-process against the stack's DynamoDB) lists a staff member
 * (a staff CSV through the office API; the welcome email the next dispatch sends gives their personal feed), signs in
 * on /review with its key typed on the keyboard, uploads a notice of a call that is not public (a PDF built at test
 * time), is told on the page that this is a relay for its staff only, is refused publishing while a topic has no date
 * of the office's (the reason at the topic's field) and with a date after the cutoff, sets its own deadline, saves,
 * publishes, and reads the answer in words. Then: the staff member's personal feed and the office feed (ical4j) carry
 * the office's internal deadline at that date; the public calls page, {@code all.ics} and the topic's public page know
 * nothing of the call. In English, an office with an internal-deadline rule is told the rule applies and publishes on
 * it; a notice carrying the office's own sentence has that date prefilled, highlighted as the relaying office's. A call
 * an editor already published is relayed as its internal deadline, and the page links to the public topic. The relay's
 * states are photographed at both widths and checked by axe-core.
 */
class RelayPathIT extends BrowserTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "示例市科学技术局";

    /** A call's notice as an office receives it: its cutoff, and (when given) the office's own sentence with its earlier date. */
    private static List<String> noticeLines(String title, String number, String cutoff, String officeSentence) {
        List<String> lines = new java.util.ArrayList<>(List.of(title, number, "各有关单位：",
                "为推进校际合作，现组织申报本专项。有关事项通知如下。", "一、申报要求",
                "网上申报截止时间为" + cutoff + "，逾期不予受理。"));
        if (officeSentence != null) {
            lines.add(officeSentence);
        }
        lines.addAll(List.of(ISSUER, "2026年5月8日"));
        return lines;
    }

    @Test
    void anOfficeRelaysACallThatIsNotPublic_withItsOwnDeadline_toItsStaffOnly() throws Exception {
        String title = "关于组织申报示例校际转发专项的通知";
        String number = "示科转〔2026〕5号";
        JsonNode office = cli("org", "create", "--name", "示例大学科研处（转发）", "--email-domain", "relay.example.edu.cn");
        String officeId = office.get("orgId").asText();
        String key = office.get("apiKey").asText();
        String staffMember = "e2e-relay-" + System.nanoTime() + "@relay.example.edu.cn";
        String personalFeed = staffFeed(officeId, key, staffMember);
        Path pdf = file("relay.pdf", NoticePdf.of(noticeLines(title, number, "2026年6月20日16:30", null)));

        // Signed in with the office's key (typed), the PDF uploaded: the page says it is a relay for the staff only.
        browser.width(1280);
        signIn("/review?lang=zh", key);
        assertEquals("科研处：", text("review-who-label"));
        String draftId = upload(pdf);
        assertEquals(title, text("review-notice-title"));
        assertEquals("转发给本单位教职工（科研处上传）", text("review-notice-kind"));
        assertTrue(text("review-relay-note").startsWith("这是只转发给本单位教职工的通知"), text("review-relay-note"));
        // The topic's own deadline field: empty (the reader found no date of the office's), the office has no rule.
        WebElement date = browser.driver.findElement(By.id("review-office-0-main"));
        assertEquals("", date.getAttribute("value"));
        assertEquals("本单位截止日期", label("review-office-0-main"));
        await(d -> text("review-office-0-hint").startsWith("本单位没有内部截止规则"));
        browser.photographAndCheck("relay-draft-zh");

        // Published without a date: refused, and the reason is at the topic's field, which gets the focus.
        browser.driver.findElement(By.id("review-publish")).click();
        await(d -> text("review-form-status").startsWith("草稿："));
        assertTrue(text("review-form-status").startsWith("草稿：暂不能发布：每个专题都需要本单位的截止日期"), text("review-form-status"));
        assertTrue(text("review-office-0-problem").contains("needs the office's date"), text("review-office-0-problem"));
        assertEquals("true", browser.driver.findElement(By.id("review-office-0-main")).getAttribute("aria-invalid"));
        assertEquals("review-office-0-main", browser.focused().getAttribute("id"));
        browser.photographAndCheck("relay-refused-zh");

        // A date after the cutoff: saved (it is the reading's RELAY deadline now), refused on publishing, named.
        setValue("review-office-0-main", "2026-06-21");
        setValue("review-office-0-time", "09:00");
        save();
        assertEquals("RELAY", draft(draftId, key).at("/notice/topics/0/deadlines/0/kind").asText());
        assertEquals("2026-06-21T09:00:00+08:00", draft(draftId, key).at("/notice/topics/0/deadlines/0/closes").asText());
        // The saved date is the topic's RELAY deadline: its row now, the same field, labelled the office's.
        String row = officeRow();
        browser.driver.findElement(By.id("review-publish")).click();
        await(d -> text("review-form-status").startsWith("草稿："));
        assertTrue(text("review-office-0-problem").contains("is not before the cutoff"), text("review-office-0-problem"));
        assertEquals("true", browser.driver.findElement(By.id(row + "-main")).getAttribute("aria-invalid"));
        assertFalse(stack.get(personalFeed).body().contains(title), "nothing published");

        // The office's own deadline, 12 June 17:00 Beijing time: saved, published.
        setValue(row + "-main", "2026-06-12");
        setValue(row + "-time", "17:00");
        save();
        assertEquals("2026-06-12T17:00:00+08:00", draft(draftId, key).at("/notice/topics/0/deadlines/0/closes").asText());
        browser.driver.findElement(By.id("review-publish")).click();
        await(d -> d.findElement(By.id("review-published")).isDisplayed());
        assertEquals("已发布，仅本单位教职工可见。", text("review-form-status"));
        assertEquals("已转发给教职工", text("review-published-heading"));
        assertEquals("已送达本单位 1 位教职工；其中 1 位这次新加入这些专题。", text("review-published-summary"));
        WebElement given = browser.driver.findElement(By.cssSelector("#review-published-dates li"));
        String topicId = given.getAttribute("data-topic");
        assertTrue(topicId.startsWith("r") && topicId.endsWith("-t1"), topicId);
        assertEquals("relay", given.getAttribute("data-source"));
        assertEquals(title + " 内部截止 北京时间 2026年6月12日周五 17:00（在此设定的本单位日期）", given.getText());
        assertTrue(text("review-published-where").startsWith("这个通知没有公开：只为本单位保存"), text("review-published-where"));
        assertTrue(given.findElements(By.tagName("a")).isEmpty(), "no public page to link to");
        await(d -> rows("#review-record tr").size() == 4);
        assertEquals(List.of("上传", "更正", "更正", "发布"), rows("#review-record tr").stream().map(r -> r.get(1)).toList());
        browser.photographAndCheck("relay-published-zh");

        // The staff member's personal feed (ical4j): the office's internal deadline at the date set, and the cutoff.
        String internalUid = topicId + "-internal-" + officeId + "@cutoff";
        String staffIcs = stack.get(personalFeed).body();
        VEvent internal = event(staffIcs, internalUid);
        assertEquals("20260612T170000", prop(internal, Property.DTSTART));
        assertEquals("Asia/Shanghai", tzid(internal));
        assertTrue(prop(internal, Property.SUMMARY).contains("示例大学科研处（转发）"), prop(internal, Property.SUMMARY));
        assertEquals("20260620T163000", prop(event(staffIcs, topicId + "-closes@cutoff"), Property.DTSTART));
        // The office feed has it too.
        assertEquals("20260612T170000", prop(event(stack.get(officeFeed(officeId, key)).body(), internalUid), Property.DTSTART));
        // The public knows nothing of it: not on the calls page, not in all.ics, and its topic has no public page.
        for (String path : List.of("/?lang=zh", "/feeds/all.ics")) {
            String body = stack.get(stack.url(path)).body();
            assertFalse(body.contains(title) || body.contains(topicId) || body.contains(number), path);
        }
        assertEquals(404, stack.status("/calls/" + topicId));
        assertEquals(404, stack.status("/feeds/topics/" + topicId + ".ics"));
    }

    @Test
    void inEnglish_theOfficesRuleIsSaidAndApplies_andTheOfficesOwnSentenceIsReadAsItsDate() throws Exception {
        JsonNode office = cli("org", "create", "--name", "Example University Research Office", "--email-domain", "rule.example.edu.cn");
        String officeId = office.get("orgId").asText();
        String key = office.get("apiKey").asText();
        staffFeed(officeId, key, "e2e-relay-rule-" + System.nanoTime() + "@rule.example.edu.cn");
        HttpResponse<String> rule = api("PUT", "/orgs/" + officeId + "/internal-deadlines", key, "application/json",
                "{\"before\":\"P3D\",\"at\":\"12:00\"}");
        assertEquals(200, rule.statusCode(), rule.body());

        // No date of the office's in the notice: the rule applies, and the page says so; published on it.
        browser.width(1280);
        signIn("/review?lang=en", key);
        upload(file("relay-rule.txt", String.join("\n", noticeLines("关于组织申报示例规则转发专项的通知", "示科转〔2026〕6号",
                "2026年6月20日16:30", null)).getBytes(StandardCharsets.UTF_8)));
        assertTrue(text("review-relay-note").startsWith("This is a relay for your office’s staff only"), text("review-relay-note"));
        await(d -> text("review-office-0-hint").startsWith("Empty: your office’s rule applies (3 day(s) before the cutoff, at 12:00 Beijing time)"));
        browser.driver.findElement(By.id("review-publish")).click();
        await(d -> d.findElement(By.id("review-published")).isDisplayed());
        WebElement given = browser.driver.findElement(By.cssSelector("#review-published-dates li"));
        assertEquals("rule", given.getAttribute("data-source"));
        assertEquals("2026-06-17T12:00:00+08:00", given.getAttribute("data-at"));
        assertTrue(given.getText().endsWith("(your office’s rule)"), given.getText());
        assertEquals("It reached 1 staff member(s) of your office; 1 were given its topics now.", text("review-published-summary"));
        browser.photographAndCheck("relay-published-en");

        // The office's own sentence: its date prefilled in the office's field, its evidence highlighted as the relaying office's.
        browser.open(stack.url("/review?lang=en"));
        await(d -> d.findElement(By.id("review-signed-in")).isDisplayed());
        upload(file("relay-own.txt", String.join("\n", noticeLines("关于组织申报示例自定转发专项的通知", "示科转〔2026〕7号",
                "2026年6月20日16:30", "请于2026年6月12日17:00前将申报材料报送科研处。")).getBytes(StandardCharsets.UTF_8)));
        String row = officeRow();
        assertEquals("2026-06-12", browser.driver.findElement(By.id(row + "-main")).getAttribute("value"));
        assertEquals("17:00", browser.driver.findElement(By.id(row + "-time")).getAttribute("value"));
        assertEquals("Office’s deadline (date)", label(row + "-main"));
        assertTrue(text("review-office-0-hint").startsWith("The reader took this date from the notice: check it."), text("review-office-0-hint"));
        WebElement mark = browser.driver.findElement(By.cssSelector("#review-text a[href='#" + row + "-main']"));
        assertTrue(mark.getAttribute("class").contains("review-kind-relay"), mark.getAttribute("class"));
        assertTrue(mark.getText().startsWith("Relaying office"), mark.getText());
        mark.click();
        assertEquals(row + "-main", browser.focused().getAttribute("id"), "the highlight goes to the office's field");
        browser.photographAndCheck("relay-own-date-en");
    }

    @Test
    void aCallAlreadyPublic_getsTheOfficesDateAsAnInternalDeadline_andThePageLinksToItsPublicTopic() throws Exception {
        // The call published by an editor through the API (a text notice), then relayed by an office on the page.
        String title = "关于组织申报示例已公开专项的通知";
        byte[] text = String.join("\n", noticeLines(title, "示科转〔2026〕8号", "2026年6月25日16:30", null)).getBytes(StandardCharsets.UTF_8);
        String editorKey = cli("editor", "create", "--name", "示例转发测试编辑部").get("key").asText();
        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("/notices")))
                .header("Authorization", "Bearer " + editorKey).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(text)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        HttpResponse<String> published = api("POST", "/notices/drafts/" + JSON.readTree(uploaded.body()).get("draftId").asText()
                + "/publish", editorKey, null, null);
        assertEquals(200, published.statusCode(), published.body());
        String noticeId = JSON.readTree(published.body()).get("noticeId").asText();
        String publicTopic = noticeId + "-t1";

        JsonNode office = cli("org", "create", "--name", "示例学院科研处", "--email-domain", "attach.example.edu.cn");
        String officeId = office.get("orgId").asText();
        String key = office.get("apiKey").asText();
        String personalFeed = staffFeed(officeId, key, "e2e-relay-attach-" + System.nanoTime() + "@attach.example.edu.cn");
        browser.width(1280);
        signIn("/review?lang=zh", key);
        upload(file("relay-public.txt", String.join("\n", noticeLines(title, "示科转〔2026〕8号", "2026年6月25日16:30",
                "请于2026年6月18日16:00前将申报材料报送科研处。")).getBytes(StandardCharsets.UTF_8)));
        assertEquals("2026-06-18", browser.driver.findElement(By.id(officeRow() + "-main")).getAttribute("value"));
        browser.driver.findElement(By.id("review-publish")).click();
        await(d -> d.findElement(By.id("review-published")).isDisplayed());
        assertTrue(text("review-published-where").startsWith("这个通知已经公开（通知 " + noticeId + "）"), text("review-published-where"));
        WebElement given = browser.driver.findElement(By.cssSelector("#review-published-dates li"));
        assertEquals(publicTopic, given.getAttribute("data-topic"));
        assertEquals("2026-06-18T16:00:00+08:00", given.getAttribute("data-at"));
        assertEquals(2, browser.driver.findElements(By.cssSelector("#review-published-counts [data-count]")).size(),
                "nothing of the call stored for the office: reminders planned and staff told only");
        browser.photographAndCheck("relay-attached-zh");

        // The staff member's feed has the office's date on the public topic; the link opens the public topic's page.
        VEvent internal = event(stack.get(personalFeed).body(), publicTopic + "-internal-" + officeId + "@cutoff");
        assertEquals("20260618T160000", prop(internal, Property.DTSTART));
        WebElement link = given.findElement(By.tagName("a"));
        assertEquals(publicTopic + " 的公开页面", link.getText());
        browser.navigate(link::click);
        assertTrue(browser.driver.getCurrentUrl().contains("/calls/" + publicTopic), browser.driver.getCurrentUrl());
        assertTrue(browser.text().contains(title), browser.text());
    }

    /** The id prefix of the row of topic 0's office date when it is the reading's RELAY deadline ({@code review-f<i>}). */
    private static String officeRow() {
        WebElement field = browser.driver.findElement(By.cssSelector("#review-office-0 [data-item] input[data-part=date]"));
        return field.getAttribute("id").replace("-main", "");
    }

    /** The text of the label of a form control. */
    private static String label(String id) {
        return browser.driver.findElement(By.cssSelector("label[for='" + id + "']")).getText().strip();
    }

    private static void save() {
        browser.driver.findElement(By.id("review-save")).click();
        await(d -> text("review-form-status").startsWith("已保存") || text("review-form-status").startsWith("Saved"));
    }

    /**
     * One staff member listed through the office API (a CSV of one row), registered by the next dispatch; their
     * personal feed URL, from the welcome email.
     */
    private static String staffFeed(String officeId, String key, String address) throws Exception {
        HttpResponse<String> r = api("POST", "/orgs/" + officeId + "/staff", key, "text/csv",
                "email,name,department,topics,language,leadTimes\r\n" + address + ",张三,物理学院," + E2eStack.OPEN_TOPIC + ",zh,P1D\r\n");
        assertEquals(200, r.statusCode(), r.body());
        HttpResponse<String> dispatched = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("/local/dispatch")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, dispatched.statusCode(), dispatched.body());
        Pattern feed = Pattern.compile(Pattern.quote(stack.url("/feeds/personal/")) + "[A-Za-z0-9_-]+\\.ics");
        for (int i = 0; i < 100; i++) {
            for (LocalSes.Sent mail : stack.emailsTo(address)) {
                Matcher m = feed.matcher(mail.text() != null ? mail.text() : mail.html());
                if (m.find()) {
                    return m.group();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no welcome email with a feed URL to " + address);
    }

    /** The office feed's URL ({@code GET /orgs}). */
    private static String officeFeed(String officeId, String key) throws Exception {
        HttpResponse<String> r = api("GET", "/orgs", key, null, null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("feedUrl").asText();
    }

    private static HttpResponse<String> api(String method, String path, String key, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.url(path))).header("Authorization", "Bearer " + key);
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The draft as the notice API answers the office. */
    private static JsonNode draft(String draftId, String key) throws Exception {
        HttpResponse<String> r = api("GET", "/notices/drafts/" + draftId, key, null, null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** A ./cutoff command in-process against the stack's DynamoDB, its JSON output. */
    private static JsonNode cli(String... args) throws Exception {
        return JSON.readTree(stack.cli(args));
    }

    /** Opens a page of /review and signs in with the office's key typed on the keyboard (this tab forgets any earlier key). */
    private static void signIn(String path, String key) throws Exception {
        browser.open(stack.url(path));
        browser.driver.executeScript("window.sessionStorage.clear()");
        browser.open(stack.url(path));
        await(d -> d.findElement(By.id("review-signin")).isDisplayed());
        browser.tabTo("#review-key");
        browser.keys(key);
        browser.keys(Keys.ENTER);
        await(d -> d.findElement(By.id("review-signed-in")).isDisplayed());
    }

    /** Chooses a file on the upload page, sends it, and waits for its draft's page; the draft's id. */
    private static String upload(Path file) {
        browser.driver.findElement(By.id("review-file")).sendKeys(file.toString());
        browser.navigate(() -> browser.driver.findElement(By.id("review-upload-button")).click());
        await(d -> d.findElement(By.id("review-draft")).isDisplayed());
        String draftId = browser.driver.getCurrentUrl().replaceAll(".*/review/([A-Za-z0-9_-]{22}).*", "$1");
        assertEquals(22, draftId.length(), browser.driver.getCurrentUrl());
        return draftId;
    }

    private static Path file(String name, byte[] bytes) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Browser.SCREENSHOTS.getParent()), "relay-file-");
        return Files.write(dir.resolve(name), bytes);
    }
}
