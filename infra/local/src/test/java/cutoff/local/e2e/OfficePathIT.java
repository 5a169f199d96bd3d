package cutoff.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The research office's path in a browser: an office made as the demo prints ({@code cutoff org create}, run
 * in-process against the stack's DynamoDB), signed in on /office with its key typed on the keyboard (kept in
 * sessionStorage only), a staff CSV with good and bad rows uploaded through the file input (the per-row report
 * and the staff list with statuses), an internal-deadline rule and a per-topic override set on the page, the
 * internal marker on the topic's timeline in the same tab, the welcome email's personal feed carrying the
 * internal-deadline VEVENT (read with ical4j), a moved override giving one "changed" email and a higher
 * SEQUENCE, the list downloaded as CSV, and sign-out clearing the key. Signed-in states are photographed at
 * both widths in both languages and checked by axe-core.
 */
class OfficePathIT extends BrowserTest {
    private static final String OFFICE = "示例大学科研处";
    /** The open topic's sibling in the same notice (专题一), followed by the English staff member. */
    private static final String OTHER_TOPIC = "2026-8-304af3-t1";
    private static final String TOPIC_TITLE = "政府（机构）间合作项目";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRefusedChatWebhookOrSecret_isSaidInThePagesLanguage() throws Exception {
        JsonNode office = createOffice();
        String key = office.get("apiKey").asText();
        browser.width(1280);
        browser.open(stack.url("/office?lang=zh"));
        browser.tabTo("#office-key");
        browser.keys(key);
        browser.keys(Keys.ENTER);
        await(d -> d.findElement(By.id("office-signed-in")).isDisplayed());
        // A refused webhook URL (another host) and a refused secret (a WeCom robot does not sign).
        String[][] cases = {{"https://evil.example/robot/send?access_token=abcdefgh1", "", "office-chat-webhook"},
                {"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh1", "SECabcdefgh", "office-chat-secret"}};
        for (String[] c : cases) {
            browser.driver.findElement(By.id("office-chat-webhook")).clear();
            browser.driver.findElement(By.id("office-chat-webhook")).sendKeys(c[0]);
            browser.driver.findElement(By.id("office-chat-secret")).clear();
            browser.driver.findElement(By.id("office-chat-secret")).sendKeys(c[1]);
            browser.driver.findElement(By.cssSelector("#office-chat-form button[type=submit]")).click();
            await(d -> "true".equals(d.findElement(By.id(c[2])).getAttribute("aria-invalid")));
            String said = text("office-chat-status");
            // The API's sentence is English; the Chinese page says it in Chinese, naming the field.
            assertFalse(said.contains("must be") || said.contains("does not sign") || said.contains("robot's"), said);
            assertTrue(said.contains(c[2].endsWith("webhook") ? "Webhook 地址" : "签名密钥"), said);
        }
    }

    @Test
    void signIn_uploadWithBadRows_setInternalDeadlines_seeThemOnTheTimelineAndInTheFeed_export_andSignOut() throws Exception {
        JsonNode office = createOffice();
        String officeId = office.get("orgId").asText();
        String key = office.get("apiKey").asText();
        long n = System.nanoTime();
        String zh = "e2e-office-zh-" + n + "@example.edu.cn";
        String en = "e2e-office-en-" + n + "@cs.example.edu.cn";
        Path csv = Files.createTempDirectory(Browser.SCREENSHOTS.getParent(), "office-csv-").resolve("staff.csv");
        Files.writeString(csv, String.join("\r\n",
                "email,name,department,topics,language,leadTimes",
                zh + ",张三,物理学院," + E2eStack.OPEN_TOPIC + ",zh,P7D;P1D",
                en + ",\"Li, Si\",计算机学院," + E2eStack.OPEN_TOPIC + ";" + OTHER_TOPIC + ",en,P3D",
                "not-an-address,坏地址,物理学院," + E2eStack.OPEN_TOPIC + ",zh,",
                "someone-" + n + "@example.com,外校,物理学院," + E2eStack.OPEN_TOPIC + ",zh,",
                zh.toUpperCase() + ",张三,物理学院," + E2eStack.OPEN_TOPIC + ",zh,",
                "nope-" + n + "@example.edu.cn,,,nope-t9,zh,",
                "late-" + n + "@example.edu.cn,,," + E2eStack.OPEN_TOPIC + ",zh,P90D") + "\r\n");

        // Sign in: the key typed on the keyboard, submitted with ENTER (the form stays on the page).
        browser.width(1280);
        browser.open(stack.url("/office?lang=zh"));
        browser.tabTo("#office-key");
        browser.keys(key);
        browser.keys(Keys.ENTER);
        await(d -> d.findElement(By.id("office-signed-in")).isDisplayed());
        assertEquals(OFFICE, text("office-name"));
        assertTrue(text("office-session-status").contains("已登录：" + OFFICE), text("office-session-status"));
        assertKeyOnlyInSessionStorage(officeId, key);
        assertEquals("", browser.driver.findElement(By.id("office-key")).getAttribute("value"), "the field forgets the key");

        // Upload through the file input; the progress finishes and the report names each bad line.
        upload(csv);
        assertEquals(List.of("7", "2", "0", "0", "5"), counts());
        assertTrue(text("office-upload-status").contains("收到 7 行，5 行未被接受"), text("office-upload-status"));
        List<List<String>> report = rows("#office-errors-body tr");
        assertEquals(List.of("4", "5", "6", "7", "8"), report.stream().map(r -> r.get(0)).toList(), report.toString());
        assertEquals(List.of("not-an-address", "someone-" + n + "@example.com", zh.toUpperCase(), "nope-" + n + "@example.edu.cn",
                "late-" + n + "@example.edu.cn"), report.stream().map(r -> r.get(1)).toList());
        // Each reason in the page's words (the API's codes), naming the column as the page and the file's header do.
        assertEquals(List.of("邮箱（email 列）：地址缺少 @，应形如 name@example.edu.cn。",
                "邮箱（email 列）：该地址不属于本单位的邮箱域名。",
                "邮箱（email 列）：与前面某一行的地址相同（不区分大小写）。",
                "专题和规则（topics 列）：没有这个专题编号或通知编号，请从通知页面复制编号。",
                "提醒时间（leadTimes 列）：提醒时间最多 60 天，写法如 P7D（7 天）、PT12H（12 小时）或 MORNING（当天上午）。"),
                report.stream().map(r -> r.get(2)).toList());
        // The staff list: the two good rows, both active, with their topics.
        await(d -> rows("#office-staff-body tr").size() == 2);
        List<List<String>> staff = rows("#office-staff-body tr");
        assertEquals(List.of(en, zh), staff.stream().map(r -> r.get(0)).sorted().toList(), staff.toString());
        for (List<String> row : staff) {
            assertEquals("正常", row.get(4), row.toString());
        }
        assertTrue(staff.stream().anyMatch(r -> r.get(1).equals("Li, Si") && r.get(3).contains(OTHER_TOPIC)), staff.toString());
        // Until the staff are registered (the next dispatch), no topic is followed, and the page says why.
        await(d -> d.findElement(By.id("office-topics-empty")).isDisplayed());
        assertTrue(text("office-topics-empty").startsWith("还没有教职工关注的通知。上传名单后几分钟内"), text("office-topics-empty"));
        browser.photographAndCheck("office-signed-in-zh");

        // The welcome emails go out with the next dispatch, which also makes the staff's subscriptions: the
        // topics they follow are then the office's "followed" topics, listed for internal deadlines.
        dispatch();
        String zhFeed = feedUrl(zh);
        String uid = E2eStack.OPEN_TOPIC + "-internal-" + officeId + "@cutoff";
        assertFalse(stack.get(zhFeed).body().contains(uid), "no internal deadline before the office sets one");
        browser.open(stack.url("/office?lang=zh"));
        await(d -> d.findElement(By.id("office-signed-in")).isDisplayed() && !internalCell(E2eStack.OPEN_TOPIC).isEmpty());

        // An internal-deadline rule (3 days before, 12:00 Beijing time), then an override for the open topic.
        browser.tabTo("#office-rule-before");
        browser.keys("3");
        setValue("office-rule-at", "12:00");
        browser.tabTo("#office-rule-save");
        browser.keys(Keys.ENTER);
        await(d -> text("office-internal-status").startsWith("规则已保存"));
        assertEquals("规则已保存：每个截止时间前 3 天的北京时间 12:00。", text("office-internal-status"));
        await(d -> internalCell(E2eStack.OPEN_TOPIC).contains("12:00"));
        assertTrue(internalCell(E2eStack.OPEN_TOPIC).contains("5月31日"), internalCell(E2eStack.OPEN_TOPIC));
        String ruleAt = "2026-05-31T12:00:00+08:00";
        String overrideAt = "2026-05-29T10:00:00+08:00";
        // A date already gone is refused, named, and what was typed stays in the field.
        WebElement overrideInput = browser.driver.findElement(By.cssSelector("#office-topics-body input[data-topic='" + E2eStack.OPEN_TOPIC + "']"));
        setValue(overrideInput.getAttribute("id"), "2026-05-01T10:00");
        overrideInput.findElement(By.xpath("following-sibling::button[1]")).click();
        await(d -> text("office-internal-status").equals("内部截止时间（北京时间）：该时间已经过去，请选择更晚的日期或时间。"));
        assertEquals("2026-05-01T10:00", overrideInput.getAttribute("value"));
        assertEquals("true", overrideInput.getAttribute("aria-invalid"), "the field is marked");
        assertEquals(overrideInput, browser.focused(), "and has the focus, to be corrected");
        setOverride(E2eStack.OPEN_TOPIC, "2026-05-29T10:00");
        assertTrue(internalCell(E2eStack.OPEN_TOPIC).contains("5月29日") && internalCell(E2eStack.OPEN_TOPIC).contains("10:00"),
                internalCell(E2eStack.OPEN_TOPIC));
        assertTrue(internalCell(OTHER_TOPIC).contains("5月31日") && internalCell(OTHER_TOPIC).contains("12:00"),
                "the rule still applies to the other topic: " + internalCell(OTHER_TOPIC));
        browser.photographAndCheck("office-internal-zh");

        // The topic's timeline in the same tab: the internal marker at the override's instant, and its row.
        browser.open(stack.url("/calls/" + E2eStack.OPEN_TOPIC + "?lang=zh"));
        await(d -> !d.findElements(By.cssSelector("svg g.marker[data-kind=internal]")).isEmpty());
        long at = OffsetDateTime.parse(overrideAt).toInstant().toEpochMilli();
        WebElement marker = browser.driver.findElement(By.cssSelector("svg g.marker[data-kind=internal]"));
        assertEquals(Long.toString(at), marker.getAttribute("data-at"));
        assertEquals("override", marker.getAttribute("data-source"));
        // Five days before the cutoff: every label on a free lane, no label over another, no tick through a label.
        assertEquals("", browser.driver.executeScript("""
                var gs = document.querySelectorAll('svg.timeline g.marker'), bad = [];
                function meet(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
                for (var i = 0; i < gs.length; i++) {
                  for (var j = 0; j < gs.length; j++) {
                    if (i === j) { continue; }
                    var ti = gs[i].querySelector('text').getBoundingClientRect(), tj = gs[j].querySelector('text').getBoundingClientRect();
                    var tick = gs[j].querySelector('line.tick').getBoundingClientRect();
                    if (i < j && meet(ti, tj)) { bad.push(gs[i].dataset.kind + ' label over ' + gs[j].dataset.kind + ' label'); }
                    if (meet(ti, {left: tick.left - 0.5, right: tick.right + 0.5, top: tick.top, bottom: tick.bottom})) {
                      bad.push(gs[j].dataset.kind + ' tick through ' + gs[i].dataset.kind + ' label');
                    }
                  }
                }
                return bad.join('; ');"""), "the timeline's labels and ticks");
        WebElement svg = marker.findElement(By.xpath("ancestor::*[local-name()='svg'][1]"));
        assertTrue(at > Long.parseLong(svg.getAttribute("data-axis-start")) && at < Long.parseLong(svg.getAttribute("data-axis-end")),
                "the marker is on the axis");
        WebElement row = browser.driver.findElement(By.cssSelector("tr[data-kind=internal]"));
        assertEquals(Long.toString(at), row.getAttribute("data-at"));
        assertTrue(row.getText().contains("10:00"), row.getText());
        assertKeyOnlyInSessionStorage(officeId, key);
        browser.photographAndCheck("topic-internal-zh");

        // The personal feed from the welcome email carries the internal deadline as its own VEVENT.
        VEvent zhEvent = event(stack.get(zhFeed).body(), uid);
        assertTrue(prop(zhEvent, Property.SUMMARY).startsWith("【" + OFFICE + "内部截止】"), prop(zhEvent, Property.SUMMARY));
        assertTrue(prop(zhEvent, Property.SUMMARY).contains(TOPIC_TITLE), prop(zhEvent, Property.SUMMARY));
        assertEquals("20260529T100000", prop(zhEvent, Property.DTSTART));
        assertEquals("Asia/Shanghai", tzid(zhEvent));
        int sequence = Integer.parseInt(prop(zhEvent, Property.SEQUENCE));
        VEvent enEvent = event(stack.get(feedUrl(en)).body(), uid);
        assertTrue(prop(enEvent, Property.SUMMARY).startsWith("Internal deadline (" + OFFICE + "): "), prop(enEvent, Property.SUMMARY));
        VEvent enRule = event(stack.get(feedUrl(en)).body(), OTHER_TOPIC + "-internal-" + officeId + "@cutoff");
        assertEquals("20260531T120000", prop(enRule, Property.DTSTART), "the rule: " + ruleAt);
        assertFalse(prop(enRule, Property.UID).equals(prop(enEvent, Property.UID)), "each internal deadline has its own UID");

        // The override moved on the page: one "changed" email after the next dispatch, and SEQUENCE up.
        browser.open(stack.url("/office?lang=zh"));
        await(d -> d.findElement(By.id("office-signed-in")).isDisplayed() && !internalCell(E2eStack.OPEN_TOPIC).isEmpty());
        // The first rule and override's own "changed" emails; the dispatch answers once its run has sent,
        // so the count after it is final.
        dispatch();
        int before = stack.emailsTo(zh).size();
        setOverride(E2eStack.OPEN_TOPIC, "2026-05-28T15:00");
        dispatch();
        List<LocalSes.Sent> changed = waitForEmails(zh, before + 1);
        // A second email would have come with that dispatch (it answered after its run), or with this one.
        dispatch();
        assertEquals(before + 1, stack.emailsTo(zh).size(), "one email per change: " + stack.emailsTo(zh).stream().map(LocalSes.Sent::subject).toList());
        LocalSes.Sent change = changed.get(changed.size() - 1);
        assertTrue(change.subject().contains("截止时间变更"), change.subject());
        String body = change.text() != null ? change.text() : change.html();
        assertTrue(body.contains("Moved: 2026-05-29 10:00 Beijing time (UTC+08:00) -> 2026-05-28 15:00 Beijing time (UTC+08:00)"), body);
        VEvent moved = event(stack.get(zhFeed).body(), uid);
        assertEquals("20260528T150000", prop(moved, Property.DTSTART));
        assertTrue(Integer.parseInt(prop(moved, Property.SEQUENCE)) > sequence, "SEQUENCE went up: " + prop(moved, Property.SEQUENCE));

        // The export: a real download (Chromium's download behaviour set to a folder) with the rows and statuses.
        Path downloads = Files.createTempDirectory(Browser.SCREENSHOTS.getParent(), "office-download-");
        browser.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.driver.findElement(By.id("office-export")).click();
        Path file = downloads.resolve("staff.csv");
        await(d -> Files.isRegularFile(file) && text("office-export-status").startsWith("名单已下载"));
        String exported = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(exported.startsWith("\uFEFF"), "UTF-8 with BOM");
        List<String> lines = exported.substring(1).lines().toList();
        assertTrue(lines.get(0).contains("email") && lines.get(0).contains("status"), lines.get(0));
        assertEquals(3, lines.size(), exported);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(zh + ",") && l.contains("active")), exported);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(en + ",") && l.contains("\"Li, Si\"")), exported);

        // English: the page in the same tab signs in from sessionStorage; the same file again adds nothing.
        browser.open(stack.url("/office?lang=en"));
        await(d -> d.findElement(By.id("office-signed-in")).isDisplayed());
        upload(csv);
        assertEquals(List.of("7", "0", "0", "2", "5"), counts());
        assertTrue(text("office-upload-status").contains("7 rows received, 5 not taken"), text("office-upload-status"));
        List<List<String>> enReport = rows("#office-errors-body tr");
        assertEquals(report.stream().map(r -> r.subList(0, 2)).toList(), enReport.stream().map(r -> r.subList(0, 2)).toList(),
                "the same lines and addresses in either language");
        assertEquals(List.of("Email (column email): the address has no @; it looks like name@example.edu.cn.",
                "Email (column email): the address is not in one of the mail domains of this office.",
                "Email (column email): the same address is on an earlier line (capital and small letters count as the same).",
                "Topics and rules (column topics): no call has this topic id or notice id; copy the id from the calls page.",
                "Lead times (column leadTimes): write a lead time of at most 60 days, such as P7D (7 days), PT12H (12 hours) "
                        + "or MORNING (the morning of the day)."), enReport.stream().map(r -> r.get(2)).toList());
        // The list the upload redraws: both people, active, read in one go once the redraw is done.
        await(d -> {
            List<List<String>> shown = rows("#office-staff-body tr");
            return shown.size() == 2 && shown.stream().allMatch(r -> r.get(4).equals("active"));
        });
        browser.photographAndCheck("office-signed-in-en");

        // Sign out: the key leaves sessionStorage and the page shows nothing of the office.
        browser.driver.findElement(By.id("office-signout")).click();
        await(d -> d.findElement(By.id("office-signin")).isDisplayed());
        assertNull(browser.driver.executeScript("return window.sessionStorage.getItem('cutoff.office')"));
        assertEquals("", text("office-name"));
        assertTrue(browser.driver.findElements(By.cssSelector("#office-staff-body tr")).isEmpty());
        assertFalse(browser.text().contains(zh), "no staff address left on the page");
        browser.open(stack.url("/office?lang=en"));
        assertFalse(browser.driver.findElement(By.id("office-signed-in")).isDisplayed(), "a reload stays signed out");
    }

    /** {@code cutoff org create} in-process against the stack's DynamoDB, as the demo prints it: {"orgId", "apiKey"}. */
    private static JsonNode createOffice() throws Exception {
        return JSON.readTree(stack.cli("org", "create", "--name", OFFICE, "--email-domain", "example.edu.cn"));
    }

    /** The key is in sessionStorage["cutoff.office"] and nowhere else the browser keeps or sends. */
    private static void assertKeyOnlyInSessionStorage(String officeId, String key) throws Exception {
        Object stored = browser.driver.executeScript("return window.sessionStorage.getItem('cutoff.office')");
        assertNotNull(stored, "the key is kept for the tab");
        JsonNode session = JSON.readTree(stored.toString());
        assertEquals(officeId, session.get("orgId").asText());
        assertEquals(key, session.get("key").asText());
        Object local = browser.driver.executeScript(
                "var s = ''; for (var i = 0; i < localStorage.length; i++) { s += localStorage.key(i) + '=' + localStorage.getItem(localStorage.key(i)); } return s");
        assertFalse(String.valueOf(local).contains(key), "not in localStorage");
        assertFalse(String.valueOf(browser.driver.executeScript("return document.cookie")).contains(key), "not in a cookie");
        assertTrue(browser.driver.manage().getCookies().stream().noneMatch(c -> c.getValue().contains(key)), "not in an HttpOnly cookie");
        assertFalse(browser.driver.getCurrentUrl().contains(key), "not in the URL");
    }

    /** Chooses the file in the file input, presses the upload button, and waits until the report shows. */
    private static void upload(Path file) {
        browser.driver.findElement(By.id("office-file")).sendKeys(file.toString());
        assertTrue(text("office-file-name").contains("staff.csv"), text("office-file-name"));
        browser.driver.executeScript("document.getElementById('office-result-received').textContent = ''");
        browser.driver.findElement(By.id("office-upload-button")).click();
        await(d -> !text("office-result-received").isEmpty() && !d.findElement(By.id("office-progress-box")).isDisplayed());
        assertTrue(browser.driver.findElement(By.id("office-upload-result")).isDisplayed());
        assertEquals("100", browser.driver.findElement(By.id("office-upload-progress")).getAttribute("value"), "the progress finished");
    }

    /** received, added, updated, unchanged, rejected as the page shows them. */
    private static List<String> counts() {
        return List.of("received", "added", "updated", "unchanged", "rejected").stream().map(k -> text("office-result-" + k)).toList();
    }

    /** The "internal deadline" cell of a topic's row in the office page's topic table ("" when there is no row). */
    private static String internalCell(String topicId) {
        List<WebElement> inputs = browser.driver.findElements(By.cssSelector("#office-topics-body input[data-topic='" + topicId + "']"));
        return inputs.isEmpty() ? "" : inputs.get(0).findElement(By.xpath("ancestor::tr[1]/td[3]")).getText();
    }

    /**
     * Types an override (a datetime-local value, Beijing time) into a topic's row and saves it with the row's
     * button; waits for the page to say so.
     */
    private static void setOverride(String topicId, String local) {
        WebElement input = browser.driver.findElement(By.cssSelector("#office-topics-body input[data-topic='" + topicId + "']"));
        setValue(input.getAttribute("id"), local);
        WebElement save = input.findElement(By.xpath("following-sibling::button[1]"));
        save.click();
        await(d -> text("office-internal-status").equals("已保存 " + topicId + " 的内部截止时间。"));
    }

    /** {@code POST /local/dispatch}: one dispatcher run (reminders, welcomes, change emails). */
    private static void dispatch() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("/local/dispatch")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static List<LocalSes.Sent> waitForEmails(String address, int count) throws InterruptedException {
        for (int i = 0; i < 100 && stack.emailsTo(address).size() < count; i++) {
            Thread.sleep(100);
        }
        List<LocalSes.Sent> mails = stack.emailsTo(address);
        assertTrue(mails.size() >= count, "expected " + count + " emails to " + address + ": " + mails.stream().map(LocalSes.Sent::subject).toList());
        return mails;
    }

    /** The personal feed URL in the welcome email to an address. */
    private static String feedUrl(String address) throws InterruptedException {
        Pattern feed = Pattern.compile(Pattern.quote(stack.url("/feeds/personal/")) + "[A-Za-z0-9_-]+\\.ics");
        for (LocalSes.Sent mail : waitForEmails(address, 1)) {
            Matcher m = feed.matcher(mail.text() != null ? mail.text() : mail.html());
            if (m.find()) {
                return m.group();
            }
        }
        throw new AssertionError("no welcome email with a feed URL to " + address);
    }
}
