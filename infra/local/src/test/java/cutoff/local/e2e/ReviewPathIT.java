package cutoff.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * An editor's notice from file to feed in a browser (issue 19): an editor made as the demo makes one ({@code cutoff
 * editor create}, in-process against the stack's DynamoDB) signs in on /review with its key typed on the keyboard,
 * uploads a PDF built at test time whose cutoff has no year (the reader takes the year from the document number and
 * asks a person to confirm it), finds that date highlighted in the text and marked for review, goes from the
 * highlight to its field, corrects and confirms it, saves (the page shows what a person set), publishes; the topic's
 * feed (read with ical4j) and its public page then carry the corrected cutoff, and a subscriber following the issuer
 * ({@code issuer:<name>}) has the new topic in their personal feed. Also: a notice holding {@code <script>} shows it as
 * text and runs nothing, the page's HTML carries no draft data, a draft that is not the key's is "no such draft", and
 * a file of a format not read here is refused in words. The pages are photographed at both widths and checked by
 * axe-core.
 */
class ReviewPathIT extends BrowserTest {
    private static final String EDITOR = "示例科委编辑部";
    private static final String ISSUER = "示例科学技术委员会";
    private static final String TITLE = "关于组织申报示例国际合作项目的通知";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode editor;

    /** The cutoff's sentence as first uploaded: no year (9月5日), so the reader asks a person; it wraps over two lines of the PDF. */
    private static final String YEARLESS_CUTOFF = "申报单位须通过网上申报系统填报，网上申报截止时间为9月5日16:30，逾期不予受理。";

    /** The notice with a cutoff sentence, and a recommendation deadline with its year. */
    private static List<String> noticeLines(String cutoffSentence) {
        return List.of(TITLE, "示科〔2026〕7号", "各有关单位：",
                "为推进国际科技合作，现组织申报示例国际合作项目。有关事项通知如下。",
                "一、申报要求",
                cutoffSentence,
                "二、推荐要求",
                "推荐单位于2026年9月10日前完成审核推荐。",
                ISSUER);
    }

    @Test
    void anEditorUploadsAPdf_correctsTheDateToConfirm_publishes_andTheFeedPageAndFollowerShowIt() throws Exception {
        String follower = PagesIT.address("review-follow", "zh");
        String personalFeed = followerOf("issuer:" + ISSUER, follower);
        Path pdf = file("notice.pdf", NoticePdf.of(noticeLines(YEARLESS_CUTOFF)));

        // Sign in with the keyboard; the key is kept in this tab only.
        browser.width(1280);
        signIn("/review?lang=zh");
        assertEquals("已用编辑密钥登录", text("review-who-label"));
        Object kept = browser.driver.executeScript("return window.sessionStorage.getItem('cutoff.editor')");
        assertNotNull(kept);
        assertEquals(key(), JSON.readTree(kept.toString()).get("key").asText());
        assertFalse(browser.driver.getCurrentUrl().contains(key()));
        browser.photographAndCheck("review-upload-zh");

        // The PDF through the file input; the draft opens at its own address.
        String draftId = upload(pdf);
        assertFalse(browser.driver.findElement(By.id("review-revision")).isDisplayed(),
                "a notice never published: nothing to revise");
        assertEquals(TITLE, text("review-notice-title"));
        assertEquals("示科〔2026〕7号", text("review-notice-number"));
        assertEquals(ISSUER, text("review-notice-issuer"));
        assertTrue(browser.driver.findElement(By.id("review-pending")).isDisplayed(), "the date to confirm is announced");

        // The cutoff's evidence: highlighted, labelled with its kind and marked for review; the recommendation's too.
        WebElement cutoffMark = mark("9月5日16:30");
        assertTrue(cutoffMark.getAttribute("class").contains("review-kind-closes"), cutoffMark.getAttribute("class"));
        assertTrue(cutoffMark.getAttribute("class").contains("review-mark-review"), "marked for review");
        assertTrue(cutoffMark.getText().startsWith("截止 ？待确认"), cutoffMark.getText());
        WebElement recommendationMark = mark("2026年9月10日");
        assertTrue(recommendationMark.getText().startsWith("推荐审核"), recommendationMark.getText());
        assertFalse(recommendationMark.getAttribute("class").contains("review-mark-review"));

        // From the highlight to its field, and from a field to its evidence.
        cutoffMark.click();
        WebElement cutoffDate = browser.focused();
        assertEquals("date", cutoffDate.getAttribute("type"));
        assertEquals("2026-09-05", cutoffDate.getAttribute("value"), "the year the reader guessed");
        String cutoffRow = cutoffDate.getAttribute("id").replace("-main", "");
        WebElement recommendationDate = browser.driver.findElement(By.id(recommendationMark.getAttribute("href").replaceAll(".*#", "")));
        browser.driver.executeScript("arguments[0].focus()", recommendationDate);
        assertTrue(mark("2026年9月10日").getAttribute("class").contains("review-active"), "focusing the field marks its evidence");
        assertFalse(mark("9月5日16:30").getAttribute("class").contains("review-active"));
        browser.photographAndCheck("review-draft-zh");

        // Not yet: publishing while the date waits for review is refused, and the page says why, a line a reading.
        browser.driver.findElement(By.id("review-publish")).click();
        await(d -> text("review-form-status").startsWith("草稿："));
        assertTrue(text("review-form-status").startsWith("草稿：暂未发布（"), text("review-form-status"));
        assertTrue(text("review-form-reasons").contains("2026-09-05T16:30"), text("review-form-reasons"));
        assertFalse(stack.get(stack.url("/feeds/all.ics")).body().contains(TITLE), "nothing published");

        // Corrected and confirmed: 8 September 17:00 Beijing time, the box ticked with the keyboard, saved.
        setValue(cutoffRow + "-main", "2026-09-08");
        setValue(cutoffRow + "-time", "17:00");
        browser.tabTo("#" + cutoffRow + "-confirm");
        browser.keys(Keys.SPACE);
        assertTrue(browser.driver.findElement(By.id(cutoffRow + "-confirm")).isSelected());
        browser.driver.findElement(By.id("review-save")).click();
        await(d -> text("review-form-status").startsWith("已保存"));
        assertEquals("已保存。人工设定了 3 项。", text("review-form-status"));
        WebElement row = browser.driver.findElement(By.id("review-field-" + cutoffRow.replace("review-f", "")));
        assertTrue(row.getText().contains("人工设定"), row.getText());
        assertEquals("2026-09-08", browser.driver.findElement(By.id(cutoffRow + "-main")).getAttribute("value"));
        assertFalse(browser.driver.findElement(By.id("review-pending")).isDisplayed(), "nothing left to confirm");
        JsonNode saved = draft(draftId);
        assertEquals("2026-09-08T17:00:00+08:00", saved.at("/notice/topics/0/window/closes").asText());
        assertEquals("sure", saved.at("/notice/topics/0/window/confidence").asText());
        assertEquals(List.of("/topics/0/window/closes", "/topics/0/window/confidence", "/topics/0/window/reasons"), JSON.convertValue(saved.get("setByPerson"), List.class));
        assertEquals(0, saved.get("review").size(), saved.toString());
        String topicId = saved.at("/notice/topics/0/id").asText();

        // Published: the answer on the page, and the record.
        browser.driver.findElement(By.id("review-publish")).click();
        await(d -> d.findElement(By.id("review-published")).isDisplayed());
        assertEquals("2", count("review-published-counts", "added"), "the cutoff and the recommendation deadline");
        // The issuer's follower, and any subscriber following every new call (another test's, on the same stack).
        assertTrue(Integer.parseInt(count("review-published-counts", "followersGivenTopics")) >= 1,
                count("review-published-counts", "followersGivenTopics"));
        await(d -> rows("#review-record tr").size() == 3);
        assertEquals(List.of("上传", "更正", "发布"), rows("#review-record tr").stream().map(r -> r.get(1)).toList());
        browser.photographAndCheck("review-published-zh");

        // The topic's feed, read with ical4j: the corrected cutoff, in Beijing time.
        VEvent cutoff = event(stack.get(stack.url("/feeds/topics/" + topicId + ".ics")).body(), topicId + "-closes@cutoff");
        assertEquals("20260908T170000", prop(cutoff, Property.DTSTART));
        assertEquals("Asia/Shanghai", tzid(cutoff));
        // Its public page, through the link the page gives.
        browser.navigate(() -> browser.driver.findElement(By.cssSelector("#review-published-links a")).click());
        assertTrue(browser.driver.getCurrentUrl().contains("/calls/" + topicId), browser.driver.getCurrentUrl());
        String page = browser.text();
        assertTrue(page.contains(TITLE) && page.contains("截止 2026-09-08 17:00 北京时间"), page);
        assertFalse(page.contains("2026-09-05") || page.contains("待核实"), "the reader's guess and its doubt are nowhere: " + page);
        // The follower of the issuer has the new topic in their personal feed.
        event(stack.get(personalFeed).body(), topicId + "-closes@cutoff");

        // The corrected notice again (the same number and title, now with the year and another cutoff): its draft says
        // what publishing it would move, and how many people a change email would reach (the issuer's follower).
        browser.open(stack.url("/review?lang=zh"));
        await(d -> d.findElement(By.id("review-signed-in")).isDisplayed());
        upload(file("notice.pdf", NoticePdf.of(noticeLines(YEARLESS_CUTOFF.replace("9月5日16:30", "2026年9月9日16:30")))));
        assertFalse(browser.driver.findElement(By.id("review-pending")).isDisplayed(), "the year is written: nothing to confirm");
        assertTrue(browser.driver.findElement(By.id("review-revision")).isDisplayed());
        assertEquals("1", count("review-revision-counts", "moved"));
        assertEquals("0", count("review-revision-counts", "added"));
        assertTrue(Integer.parseInt(count("review-revision-counts", "changeEmails")) >= 1, "the follower at least");
        assertTrue(text("review-revision-moves").contains(topicId + "-closes@cutoff"), text("review-revision-moves"));
        browser.photographAndCheck("review-revision-zh");

        // In English: the first draft, its words.
        browser.open(stack.url("/review/" + draftId + "?lang=en"));
        await(d -> d.findElement(By.id("review-draft")).isDisplayed());
        assertTrue(mark("9月5日16:30").getText().startsWith("Cutoff"), "the labels in English");
        assertEquals("Signed in with an editor’s key", text("review-who-label"));
        assertTrue(rows("#review-record tr").stream().map(r -> r.get(1)).toList().contains("Published"));
        browser.photographAndCheck("review-draft-en");
    }

    @Test
    void aNoticeWithAScriptShowsItAsText_thePageCarriesNoDraft_anotherKeysDraftIsNone_andAnImageIsRefusedInWords() throws Exception {
        String html = "<!doctype html><html><head><meta charset=utf-8><title>t</title>"
                + "<script>window.__cutoffRan = 'head';</script></head><body>"
                + "<p>关于组织申报&lt;script&gt;window.__cutoffRan='text'&lt;/script&gt;项目的通知</p>"
                + "<p>示科〔2026〕9号</p><p>各有关单位：</p>"
                + "<p>网上申报截止时间为2026年9月5日16:30。<img src=x onerror=\"window.__cutoffRan='img'\"></p>"
                + "<p>" + ISSUER + "</p><p>2026年5月8日</p></body></html>";
        browser.width(1280);
        signIn("/review?lang=zh");
        String draftId = upload(file("notice.html", html.getBytes(StandardCharsets.UTF_8)));

        // The markup in the notice is text on the page; nothing of it ran or became an element.
        assertTrue(text("review-notice-title").contains("<script>window.__cutoffRan='text'</script>"), text("review-notice-title"));
        assertTrue(browser.driver.findElement(By.id("review-text")).getText().contains("<script>window.__cutoffRan='text'</script>"));
        assertNull(browser.driver.executeScript("return window.__cutoffRan === undefined ? null : window.__cutoffRan"), "no script of the notice ran");
        assertEquals(0L, browser.driver.executeScript("return document.querySelectorAll('#review-app script, #review-app img, #review-app iframe').length"));
        browser.photographAndCheck("review-script-zh");

        // The page's HTML is a shell: the draft's id is its address, nothing of the draft is in it.
        String shell = stack.get(stack.url("/review/" + draftId + "?lang=zh")).body();
        assertFalse(shell.contains("cutoffRan") || shell.contains("示科〔2026〕9号") || shell.contains("2026-09-05"), shell);
        assertTrue(shell.contains("id=\"review-app\""));

        // A draft that is not this key's, or none: the same plain state.
        JsonNode office = office();
        browser.open(stack.url("/review/" + draftId + "?lang=zh"));
        await(d -> d.findElement(By.id("review-draft")).isDisplayed());
        browser.driver.findElement(By.id("review-signout")).click();
        await(d -> d.findElement(By.id("review-signin")).isDisplayed());
        assertNull(browser.driver.executeScript("return window.sessionStorage.getItem('cutoff.editor')"), "signing out forgets the key");
        assertTrue(browser.driver.findElements(By.cssSelector("#review-text a")).isEmpty(), "nothing of the draft stays");
        browser.tabTo("#review-key");
        browser.keys(office.get("apiKey").asText());
        browser.keys(Keys.ENTER);
        await(d -> d.findElement(By.id("review-none")).isDisplayed());
        assertEquals("没有这份草稿", text("review-none-heading"));
        assertEquals("科研处：", text("review-who-label"));
        assertFalse(browser.driver.findElement(By.id("review-draft")).isDisplayed());
        browser.photographAndCheck("review-none-zh");
        // The office's key now serves /office too (one sign-in, the same tab).
        browser.open(stack.url("/office?lang=zh"));
        await(d -> d.findElement(By.id("office-signed-in")).isDisplayed());

        // A file of a format not read here: refused before a draft exists, the field named, the file still chosen.
        browser.open(stack.url("/review?lang=zh"));
        await(d -> d.findElement(By.id("review-signed-in")).isDisplayed());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
        browser.driver.findElement(By.id("review-file")).sendKeys(file("scan.png", png).toString());
        browser.driver.findElement(By.id("review-upload-button")).click();
        await(d -> text("review-upload-status").startsWith("通知文件："));
        assertTrue(text("review-upload-status").startsWith("通知文件：不读取这种文件（"), text("review-upload-status"));
        assertEquals("true", browser.driver.findElement(By.id("review-file")).getAttribute("aria-invalid"));
        assertTrue(browser.driver.getCurrentUrl().contains("/review?"), "no draft opened");
        browser.photographAndCheck("review-refused-zh");
    }

    private static JsonNode editor() throws Exception {
        if (editor == null) {
            editor = cli("editor", "create", "--name", EDITOR);
        }
        return editor;
    }

    private static String key() throws Exception {
        return editor().get("key").asText();
    }

    private static JsonNode office() throws Exception {
        return cli("org", "create", "--name", "示例大学科研处（审阅）", "--email-domain", "review.example.edu.cn");
    }

    /** A ./cutoff command in-process against the stack's DynamoDB, its JSON output. */
    private static JsonNode cli(String... args) throws Exception {
        return JSON.readTree(stack.cli(args));
    }

    @Test
    void aNoticeOverFourMebibytes_goesStraightToStorage_andOpensItsDraft() throws Exception {
        // A PDF of the notice's lines padded with an incompressible stream (an object no page uses) to about 6 MiB:
        // over what a request body carries when deployed, so the page sends it through storage.
        byte[] pdf;
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(NoticePdf.of(
                noticeLines(YEARLESS_CUTOFF.replace("9月5日16:30", "2026年9月7日16:30"))))) {
            byte[] noise = new byte[6 * 1024 * 1024];
            new java.util.Random(19).nextBytes(noise);
            org.apache.pdfbox.cos.COSStream padding = doc.getDocument().createCOSStream();
            try (java.io.OutputStream out = padding.createRawOutputStream()) {
                out.write(noise);
            }
            doc.getDocumentCatalog().getCOSObject().setItem(org.apache.pdfbox.cos.COSName.getPDFName("CutoffPadding"), padding);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            doc.save(out);
            pdf = out.toByteArray();
        }
        assertTrue(pdf.length > 4 * 1024 * 1024, String.valueOf(pdf.length));
        browser.width(1280);
        signIn("/review?lang=zh");
        // Where the page PUTs, kept in the tab's sessionStorage (it outlives the page the draft replaces).
        browser.driver.executeScript("const open = XMLHttpRequest.prototype.open; XMLHttpRequest.prototype.open = function (m, u) {"
                + " sessionStorage.setItem('test.put', m + ' ' + u); return open.apply(this, arguments); };");
        String draftId = upload(file("large-notice.pdf", pdf));
        String put = String.valueOf(browser.driver.executeScript("return sessionStorage.getItem('test.put')"));
        assertTrue(put.matches("PUT http://127\\.0\\.0\\.1:\\d+/cutoff-uploads/uploads/ed_[^/]+/[A-Za-z0-9_-]{22}\\?X-Amz-.*"), put);
        JsonNode draft = draft(draftId);
        assertEquals(pdf.length, draft.get("fileBytes").asLong());
        assertEquals("2026-09-07T16:30:00+08:00", draft.get("notice").get("topics").get(0).get("window").get("closes").asText());
        assertEquals(TITLE, text("review-notice-title"));
    }

    /** Opens a page of /review and signs in with the editor's key typed on the keyboard, unless this tab is signed in already. */
    private static void signIn(String path) throws Exception {
        browser.open(stack.url(path));
        await(d -> d.findElement(By.id("review-signin")).isDisplayed() || d.findElement(By.id("review-signed-in")).isDisplayed());
        if (browser.driver.findElement(By.id("review-signed-in")).isDisplayed()) {
            return;
        }
        browser.tabTo("#review-key");
        browser.keys(key());
        browser.keys(Keys.ENTER);
        await(d -> d.findElement(By.id("review-signed-in")).isDisplayed());
        assertEquals("", browser.driver.findElement(By.id("review-key")).getAttribute("value"), "the field forgets the key");
    }

    /** Chooses a file on the upload page, sends it, and waits for its draft's page; the draft's id. */
    private static String upload(Path file) {
        browser.driver.findElement(By.id("review-file")).sendKeys(file.toString());
        assertTrue(text("review-file-name").contains(file.getFileName().toString()), text("review-file-name"));
        browser.navigate(() -> browser.driver.findElement(By.id("review-upload-button")).click());
        await(d -> d.findElement(By.id("review-draft")).isDisplayed());
        String draftId = browser.driver.getCurrentUrl().replaceAll(".*/review/([A-Za-z0-9_-]{22}).*", "$1");
        assertEquals(22, draftId.length(), browser.driver.getCurrentUrl());
        return draftId;
    }

    /** A confirmed subscriber with one follow rule (JSON API, the confirmation email's link); their personal feed's URL. */
    private static String followerOf(String rule, String address) throws Exception {
        HttpResponse<String> r = stack.postJson("/subscriptions", "{\"email\":\"" + address + "\",\"follow\":[\"" + rule
                + "\"],\"language\":\"zh\"}");
        assertEquals(202, r.statusCode(), r.body());
        String confirmed = stack.get(stack.link(address, "/subscriptions/confirm")).body();
        Matcher feed = Pattern.compile(Pattern.quote(stack.url("/feeds/personal/")) + "[A-Za-z0-9_-]+\\.ics").matcher(confirmed);
        assertTrue(feed.find(), confirmed);
        return feed.group();
    }

    /** The draft as the notice API answers the editor. */
    private static JsonNode draft(String draftId) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("/notices/drafts/" + draftId)))
                .header("Authorization", "Bearer " + key()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static Path file(String name, byte[] bytes) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Browser.SCREENSHOTS.getParent()), "review-file-");
        return Files.write(dir.resolve(name), bytes);
    }

    /** The highlight in the notice text whose evidence reads so (the line breaks the text has inside it left out). */
    private static WebElement mark(String evidence) {
        for (WebElement a : browser.driver.findElements(By.cssSelector("#review-text a.review-mark"))) {
            String own = (String) browser.driver.executeScript("return arguments[0].lastChild.textContent", a);
            if (own.replaceAll("\\s+", "").startsWith(evidence)) {
                return a;
            }
        }
        throw new AssertionError("no highlight of " + evidence + " in: " + browser.driver.findElement(By.id("review-text")).getText());
    }

    private static String count(String list, String name) {
        return browser.driver.findElement(By.cssSelector("#" + list + " [data-count=" + name + "] dd")).getText();
    }
}
