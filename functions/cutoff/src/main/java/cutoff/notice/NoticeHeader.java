package cutoff.notice;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a notice's header and signature (落款): document number, issuer, title, salutation, the
 * signature date, and whether the notice relays another body's call.
 *
 * <p>Rules, each from a real notice:
 * <ul>
 *   <li>The <b>document number</b> is the one standing on a line of its own, wherever that line is
 *       (江苏 苏科外发〔2023〕119号 is printed mid-text by the PDF layout); a number cited inside a
 *       sentence ({@code 依据国科发资〔2023〕122号}) is someone else's.</li>
 *   <li>The <b>issuing body</b> of the document is a {@code …文件} header line or an authority's name
 *       alone on a line before the title, else the authority signing above the signature date, else
 *       the {@code X关于…} prefix of the title.</li>
 *   <li>The <b>title</b> is the {@code 关于…的通知} line or lines (up to a line ending 通知 / 指南 / 公告 …),
 *       never the body after it.</li>
 *   <li>The <b>salutation</b> starts with 各 / 有关 / 相关 / 全校 and ends at its colon; it may list many
 *       addressees with 、 and ，(科技部国际合作司 2013).</li>
 *   <li>A <b>relay</b> (转发) names the original issuer in the sentence citing its notice
 *       ({@code 科技部近日印发了《…》}, {@code 广东省科技厅日前发布了《…》}); the document's own body is then
 *       the relaying body. A relaying office that does not sign is the office materials go to
 *       ({@code 报送科技处项目科}).</li>
 * </ul>
 *
 * <p>One class (about 380 lines) because the header's fields depend on each other: the signature's line
 * bounds where the title and number are looked for, its signer is an issuer of last resort, and the relay is decided
 * with the issuer and the title; {@link #read} finds them in one pass over the same lines, with one
 * {@code AUTHORITY} pattern.
 */
final class NoticeHeader {
    /** An authority's name: ministries, provincial departments, city bureaus, academies, university offices. */
    static final String AUTHORITY = "[\\p{IsHan}（）()·]{1,40}?(?:委员会|科学技术厅|科学技术局|科学技术部|办公厅|办公室|人民政府"
            + "|基金委|研究所|研究院|中心|大学|学院|基金会|协会|学会|厅|局|部|司|院|处|署|委)";
    private static final Pattern AUTHORITY_LINE = Pattern.compile("^(?![（(][一二三四五六七八九十\\d]+[)）])" + AUTHORITY + "$");
    private static final Pattern RED_HEAD = Pattern.compile("^(" + AUTHORITY + ")(?:文件|通知|函)$");
    private static final Pattern DOCUMENT_NUMBER = Pattern.compile(
            "([\\p{IsHan}]{1,10})[〔\\[【„(（﹝]\\s*(\\d{4})\\s*[〕\\]】‟\"”)）﹞]\\s*(\\d+)\\s*号");
    private static final Pattern TITLE_END = Pattern.compile(
            "(?:通知|指南|公告|通告|启事|函|意见|办法|决定|细则|简章|方案|要求|说明|申请书|需求)[”\"』」)）》]*$");
    /** A web page's own furniture: greetings, breadcrumbs, the date/source/hits line, share and print links. */
    private static final Pattern NAVIGATION = Pattern.compile(
            "欢迎|您好|首页|当前位置|您的位置|点击数|点击次数|浏览次数|阅读次数|来源[:：]|信息来源|发布时间|发布日期|日期[:：]|字号"
                    + "|打印|关闭窗口|分享到|返回|上一篇|下一篇|无障碍|版权所有|^通知公告$|^通知$|^公告$|^通知通告$|^附件|^时间[:：]");
    private static final Pattern SALUTATION = Pattern.compile(
            "^(?:各|有关|相关|全校|全院|全市|全省|各位)[^。；;！!？?]{0,300}?[：:]");
    private static final Pattern ISSUER_IN_TITLE = Pattern.compile("^(?:【[^】]{1,8}】)?(?!关于|转发)(" + AUTHORITY + ")关于");
    private static final Pattern RELAY_WORDS = Pattern.compile(
            "转发|现将.{0,40}?转来|予以转发|现予转发|转发给你们|已经转发|特此转发");
    private static final Pattern CITED_ISSUER = Pattern.compile(
            "(?:^|[，。,；;：:、\\s“\"（(])((?:[\\p{IsHan}]{2,20}?)(?:委员会|科学技术厅|科学技术局|科学技术部|基金委|基金会|科学院|学会|厅|局|部|司|署))"
                    + "(近日|日前|近期|已经|已|于[^，。《]{1,14})?(?:正式)?(?:印发|发布|下发|公布|发出|转发)了?《([^》]{0,80}(?:通知|指南|公告))?");
    /** 现将科技部《…》转发给你们, 现将《广东省科学技术厅关于…》…转发: the original issuer before or inside the title marks. */
    private static final Pattern PASSED_ON = Pattern.compile(
            "(?:现将|现对|特将|现就)(?:([\\p{IsHan}]{2,20}?(?:委员会|科学技术厅|科技厅|科学技术局|科技局|科学技术部|科技部|基金委|厅|局|部|司|署))"
                    + "(?:印发的|发布的|下发的|的)?《|《(" + AUTHORITY + ")关于)[^》]{0,120}》[^。]{0,60}?转发"
                    + "|《(" + AUTHORITY + ")关于[^》]{0,120}》[^。]{0,60}?(?:予以转发|现转发|转发给)");
    private static final Pattern JUST_ISSUED = Pattern.compile(
            "(?:^|[，。,；;：:、\\s])((?:[\\p{IsHan}]{2,20}?)(?:委员会|科学技术厅|科学技术局|科学技术部|基金委|基金会|科学院|学会|厅|局|部|司|署))"
                    + "(?:近日|日前|近期)(?:正式)?(?:印发|发布|下发)");
    /** 现将省科技厅有关事项通知转发如下: a body's notice passed on without title marks. */
    private static final Pattern FORWARDED_NOTICE = Pattern.compile(
            "现将((?:[\\p{IsHan}]{1,20}?)(?:委员会|科学技术厅|科技厅|科学技术局|科技局|科学技术部|科技部|基金委|厅|局|部|司|署))"
                    + "(?:的)?[^，。《]{0,12}?通知(?:精神)?[^，。]{0,6}?转发");
    /** 接科技部国际合作司通知: the office received the original issuer's notice. */
    private static final Pattern RECEIVED = Pattern.compile("(?:^|[，。,；;：:\\s])(?:近日)?接(" + AUTHORITY + ")(?:的)?(?:通知|函)");
    private static final Pattern TITLE_CITED_ISSUER = Pattern.compile(
            "^(?:关于)?转发(" + AUTHORITY + ")(?:关于|《|的|“|\\d)");
    private static final Pattern RECIPIENT_OFFICE = Pattern.compile(
            "(?:报送|送至|交至|提交至|报至|送交|交)(?:到|给)?((?:[\\p{IsHan}]{0,8}?)(?:科研处|科技处|社科处|科研院|科学技术处|科研管理处|科研部))");

    record Header(String documentNumber, Integer documentYear, String ownAuthority, String issuer, String relayedBy,
                  boolean relay, String title, LocalDate signedOn, int bodyStart, int bodyEnd, Set<Integer> dropped,
                  boolean salutation, LocalDate published) {
    }

    private NoticeHeader() {
    }

    /**
     * Reads the header of cleaned physical lines.
     *
     * @return the header; {@code bodyStart}/{@code bodyEnd} delimit the body lines (the signature and
     *         anything after it are outside); {@code dropped} holds header lines printed inside the body
     */
    static Header read(List<String> physical) {
        Set<Integer> dropped = new HashSet<>();
        // The signature date: the last date alone on its line (the 印发 line below it holds more than a date).
        int signature = -1;
        LocalDate signedOn = null;
        for (int i = physical.size() - 1; i >= 1; i--) {
            LocalDate d = ChineseDates.dateLine(physical.get(i));
            if (d != null) {
                signature = i;
                signedOn = d;
                break;
            }
        }
        if (signature < 0) {
            // …科学技术发展研究院 2015年5月14日 附件：《…: a signature run together with the attachment line after it.
            for (int i = physical.size() - 1; i >= Math.max(1, physical.size() - 6) && signature < 0; i--) {
                Matcher glued = GLUED_SIGNATURE.matcher(physical.get(i));
                if (glued.lookingAt() && ChineseDates.dateLine(glued.group(2)) != null) {
                    signature = i;
                    signedOn = ChineseDates.dateLine(glued.group(2));
                }
            }
        }
        if (signature > 0 && dateline(physical, signature)) {
            // A news page's dateline under its headline (…接受申请 / 2022年5月10日 / the report): the day it was
            // published, the year of its dates; the report after it is the body, not a note after a signature.
            signature = -1;
        }
        String signer = null;
        int signatureBlock = signature;
        if (signature > 0) {
            int i = signature - 1;
            while (i >= 0 && signature - i <= 3 && AUTHORITY_LINE.matcher(physical.get(i)).matches()) {
                signer = signer == null ? physical.get(i) : signer;
                signatureBlock = i;
                i--;
            }
        }
        int scanEnd = signature > 0 ? signatureBlock : physical.size();
        if (signer == null && signature < 0) {
            // No readable signature date: an authority's name alone on one of the last lines still signs it.
            for (int i = physical.size() - 1; i >= Math.max(1, physical.size() - 4); i--) {
                if (AUTHORITY_LINE.matcher(physical.get(i)).matches()) {
                    signer = physical.get(i);
                    break;
                }
            }
        }

        // The document's own number: alone on its line.
        String number = null;
        Integer numberYear = null;
        for (int i = 0; i < scanEnd && number == null; i++) {
            Matcher m = DOCUMENT_NUMBER.matcher(physical.get(i));
            if (physical.get(i).indexOf('号') >= 0 && m.find() && m.start() <= 2 && physical.get(i).length() <= m.end() + 2) {
                number = m.group(1) + "〔" + m.group(2) + "〕" + m.group(3) + "号";
                numberYear = Integer.valueOf(m.group(2));
                dropped.add(i);
            }
        }
        // 红头: "…厅文件", wherever the layout printed it.
        String headAuthority = null;
        for (int i = 0; i < scanEnd; i++) {
            Matcher m = RED_HEAD.matcher(physical.get(i));
            if (m.matches()) {
                headAuthority = headAuthority == null ? m.group(1) : headAuthority;
                dropped.add(i);
            }
        }
        // Title: the 关于…的通知 block nearest before the salutation (a web page puts its navigation and a
        // "日期/来源/点击数" line around it); else the first block that ends like a title; else a short first line.
        int salutationAt = -1;
        for (int i = 0; i < Math.min(scanEnd, 80); i++) {
            if (!dropped.contains(i) && SALUTATION.matcher(physical.get(i)).find()) {
                salutationAt = i;
                break;
            }
        }
        int searchEnd = salutationAt >= 0 ? salutationAt : Math.min(scanEnd, 40);
        int[] chosen = null;
        int[] firstBlock = null;
        for (int start = 0; start < searchEnd; start++) {
            int[] block = titleBlock(physical, dropped, start, searchEnd);
            if (block == null) {
                continue;
            }
            String text = String.join("", physical.subList(block[0], block[1]));
            if (text.contains("关于")) {
                chosen = block;
            } else if (firstBlock == null) {
                firstBlock = block;
            }
        }
        if (chosen == null) {
            chosen = firstBlock;
        }
        String title = null;
        int first = 0;
        int titleEnd;
        if (chosen != null) {
            StringBuilder t = new StringBuilder();
            for (int i = chosen[0]; i < chosen[1]; i++) {
                if (!dropped.contains(i)) {
                    t.append(physical.get(i));
                }
            }
            title = t.toString();
            first = chosen[0];
            titleEnd = chosen[1];
            for (int i = 0; i < first; i++) {
                if (headAuthority == null && AUTHORITY_LINE.matcher(physical.get(i)).matches()) {
                    headAuthority = physical.get(i);
                }
            }
        } else {
            while (first < scanEnd && (dropped.contains(first) || AUTHORITY_LINE.matcher(physical.get(first)).matches()
                    || NAVIGATION.matcher(physical.get(first)).find())) {
                if (headAuthority == null && AUTHORITY_LINE.matcher(physical.get(first)).matches()) {
                    headAuthority = physical.get(first);
                }
                first++;
            }
            titleEnd = first;
            if (first < scanEnd) {
                // No line ends like a title: a short first line that is no sentence and no salutation is the title.
                String line = physical.get(first);
                if (line.length() <= 50 && !line.contains("。") && !SALUTATION.matcher(line).find() && !line.endsWith("：")
                        && !line.endsWith(":")
                        && line.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                    title = line;
                    titleEnd = first + 1;
                }
            }
        }
        // Salutation: the first after the title.
        int bodyStart = title != null ? titleEnd : first;
        boolean salutation = false;
        for (int i = bodyStart; i < Math.min(scanEnd, bodyStart + 4); i++) {
            if (SALUTATION.matcher(physical.get(i)).find()) {
                bodyStart = i;
                salutation = true;
                break;
            }
        }
        String own = headAuthority != null ? headAuthority : signer;
        if (own == null && title != null) {
            Matcher m = ISSUER_IN_TITLE.matcher(title);
            if (m.find()) {
                own = m.group(1);
            }
        }
        // A relay names the original issuer where it cites the original notice.
        String all = String.join("", physical.subList(0, scanEnd));
        String original = null;
        Matcher titleCited = title == null ? null : TITLE_CITED_ISSUER.matcher(title);
        if (titleCited != null && titleCited.find()) {
            original = titleCited.group(1);
        }
        Matcher passOn = PASSED_ON.matcher(all);
        Matcher forwardedNotice = FORWARDED_NOTICE.matcher(all);
        if (original == null && passOn.find()) {
            // 现将科技部《…》转发给你们 / 现将《广东省科学技术厅关于…》转发给你们
            original = passOn.group(1) != null ? passOn.group(1) : passOn.group(2) != null ? passOn.group(2) : passOn.group(3);
        }
        if (original == null && forwardedNotice.find()) {
            original = forwardedNotice.group(1); // 现将省科技厅有关事项通知转发如下
        }
        boolean relay = (title != null && title.contains("转发")) || RELAY_WORDS.matcher(all).find();
        if (original == null) {
            Matcher c = CITED_ISSUER.matcher(all);
            while (c.find()) {
                // Without a 转发 word, only a call just issued (近日/日前 …印发了《…通知/指南》) makes this a relay.
                boolean call = relay || (c.group(2) != null && c.group(3) != null);
                if (call && !c.group(1).startsWith("我") && (own == null || !own.equals(c.group(1)))) {
                    original = c.group(1);
                    break;
                }
            }
        }
        if (original == null && relay) {
            // 科技部近日发布了…现转发申报指南: the issuer of a call just issued, without title marks.
            Matcher loose = JUST_ISSUED.matcher(all);
            if (loose.find() && !loose.group(1).startsWith("我") && (own == null || !own.equals(loose.group(1)))) {
                original = loose.group(1);
            }
        }
        if (original == null) {
            Matcher received = RECEIVED.matcher(all);
            if (received.find() && (own == null || !own.equals(received.group(1)))) {
                original = received.group(1); // 接科技部国际合作司通知
            }
        }
        relay = relay || original != null;
        String issuer = own;
        String relayedBy = null;
        if (relay && original != null) {
            issuer = original;
            relayedBy = own;
            if (relayedBy == null) {
                Matcher r = RECIPIENT_OFFICE.matcher(String.join("", physical));
                relayedBy = r.find() ? r.group(1) : null;
            }
        }
        return new Header(number, numberYear, own, issuer, relayedBy, relay, title, signedOn, bodyStart,
                signature > 0 ? signatureBlock : physical.size(), dropped, salutation, published(physical, bodyStart));
    }

    private static final Pattern SENTENCE = Pattern.compile("[。；;！!？?，,]");
    /** A signing body and its date run together with the attachment line after them (a crawl that lost the breaks). */
    private static final Pattern GLUED_SIGNATURE = Pattern.compile(
            "^(" + AUTHORITY + ")?\\s*(\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日)\\s*(?:公告|通知)?附件\\s*(?:[:：]|\\d|[一二三四五六七八九])");
    /** A page's publication line: 发布日期：2015-05-18, 時間:2019-07-29 15:18:06来源:…, 时间：2014年4月8日. */
    private static final Pattern PUBLISHED = Pattern.compile(
            "(?:(?:发布|發佈|發布|发表|發表|公布|更新)(?:日期|时间|時間)|(?<![\\p{IsHan}])(?:日期|时间|時間))\\s*[:：]\\s*(\\d{4}\\s*(?:[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?))");

    /**
     * The date of the page's publication line among the lines before its text (up to the first sentence), or
     * {@code null}: the year of dates the notice writes without one when it has no signature.
     */
    static LocalDate published(List<String> physical, int bodyStart) {
        for (int i = 0; i < Math.min(Math.max(bodyStart + 2, 12), physical.size()); i++) {
            if (i >= bodyStart && physical.get(i).contains("。")) {
                break;
            }
            Matcher m = PUBLISHED.matcher(physical.get(i));
            if (m.find()) {
                String date = m.group(1).replaceAll("\\s", "");
                LocalDate d = ChineseDates.dateLine(date.endsWith("日") || !date.contains("年") ? date : date + "日");
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    /**
     * True when the date line at {@code at} is a dateline: only headline and page furniture above it (no line with
     * sentence punctuation), and a text of sentences below it.
     */
    private static boolean dateline(List<String> physical, int at) {
        return physical.subList(0, at).stream().noneMatch(l -> SENTENCE.matcher(l).find())
                && physical.subList(at + 1, physical.size()).stream().anyMatch(l -> l.contains("。"));
    }

    /** A numbered heading ({@code 四、申报具体要求}, {@code （二）…}, {@code 3.…}) is a section of the body, never a title. */
    private static final Pattern NUMBERED_HEADING = Pattern.compile(
            "^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\\d]+[)）]|\\d{1,2}[、.．](?!\\d))");

    /**
     * The title block starting at {@code start}: up to five lines ending with a line that ends like a title
     * (通知, 指南, 公告 … or a closing 》 after one), at least eight characters, no navigation, no sentence
     * end, no label colon; {@code null} when none starts there. Returns {start, end (exclusive)}.
     */
    private static int[] titleBlock(List<String> physical, Set<Integer> dropped, int start, int searchEnd) {
        if (dropped.contains(start) || AUTHORITY_LINE.matcher(physical.get(start)).matches()
                || NUMBERED_HEADING.matcher(physical.get(start)).lookingAt()) {
            return null;
        }
        int length = 0;
        for (int i = start; i < Math.min(searchEnd, start + 5); i++) {
            if (dropped.contains(i)) {
                continue;
            }
            String line = physical.get(i);
            if (NAVIGATION.matcher(line).find() || line.contains("。") || line.endsWith("：") || line.endsWith(":")
                    || (i > start && line.length() > 60)) {
                return null;
            }
            length += line.length();
            if (TITLE_END.matcher(line).find()) {
                return length >= 8 ? new int[] {start, i + 1} : null;
            }
        }
        return null;
    }

    /** Lines after the signature date: a relaying office's note (说明) printed under the original notice. */
    static List<String> trailer(List<String> physical, Header header) {
        List<String> after = new ArrayList<>();
        if (header.bodyEnd() < physical.size()) {
            for (int i = header.bodyEnd(); i < physical.size(); i++) {
                if (ChineseDates.dateLine(physical.get(i)) != null || AUTHORITY_LINE.matcher(physical.get(i)).matches()) {
                    continue;
                }
                after.add(physical.get(i));
            }
        }
        return after;
    }
}
