package cutoff.document;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The article of a web page as lines: each block element (paragraph, heading, list item, {@code <br>})
 * ends a line, each table row is one line with its cells joined by a tab.
 *
 * <p>When the page has an article container ({@code <article>}, {@code <main>}, {@code role=main}, or an
 * element whose id or class is a content name such as {@code content}, {@code zoom}, {@code TRS_Editor}, as
 * government sites' CMSs write it) only that is read, so the site's header, navigation and footer are
 * left out; scripts, styles and navigation are always left out.
 */
final class HtmlText {
    private static final Set<String> BLOCK = Set.of("address", "article", "aside", "blockquote", "caption", "center",
            "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
            "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
            "summary", "table", "tbody", "thead", "tfoot", "ul", "title");
    private static final String NEVER_TEXT = "script, style, noscript, template, iframe, object, embed, svg, select, button, nav";
    /** Content containers by id or class, as Chinese government CMSs (TRS, 博思, 大汉) and blogs name them. */
    private static final Pattern CONTENT_NAME = Pattern.compile(
            "(?i)content|article|zoom|trs_editor|custom_unionstyle|main[-_]?text|body[-_]?text|detail|wenzhang|zhengwen");
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

    private HtmlText() {
    }

    /**
     * The article's lines.
     *
     * @param bytes a page, within the size limit (its text can only be shorter than its bytes)
     * @param time  checked per content container considered and every {@link #NODES_PER_CHECK} nodes
     */
    static String of(byte[] bytes, ReadingTime time) throws DocumentException {
        Document page = Jsoup.parse(decode(bytes));
        time.check();
        checkDepth(page, time);
        page.select(NEVER_TEXT).remove();
        Element root = container(page, time);
        StringBuilder text = new StringBuilder();
        Lines lines = new Lines(text, time);
        try {
            NodeTraversor.traverse(lines, root);
        } catch (Refused e) {
            throw e.refusal;
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.toString().split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                out.append(trimmed).append('\n');
            }
        }
        NoticeDocuments.checkText(out.length(), "a web page");
        return NoticeDocuments.requireLetters(out.toString(), "a web page");
    }

    static final int NODES_PER_CHECK = 4096;
    /**
     * 512 nested elements: where browsers' parsers stop nesting (Blink's {@code kMaximumHTMLParserDOMTreeDepth})
     * and far past a CMS's article (20-40). Choosing the article container measures each candidate's text, so
     * candidates nested thousands deep cost the square of the page.
     */
    static final int MAX_DEPTH = 512;

    /** Refuses a page nested past {@link #MAX_DEPTH}, in one walk of its nodes. */
    private static void checkDepth(Document page, ReadingTime time) throws DocumentException {
        int[] nodes = {0};
        try {
            NodeTraversor.traverse((node, depth) -> {
                if (depth > MAX_DEPTH) {
                    throw new Refused(new DocumentException(DocumentException.Reason.TOO_LARGE, "a web page that nests"
                            + " its elements more than " + MAX_DEPTH + " deep, which no notice does (browsers stop"
                            + " nesting there): save the notice as PDF from a browser, or give its text"));
                }
                if (++nodes[0] % NODES_PER_CHECK == 0) {
                    Refused.check(time);
                }
            }, page);
        } catch (Refused e) {
            throw e.refusal;
        }
    }

    /**
     * The page's text, decoded as it declares: a byte-order mark, else {@code <meta charset>} or
     * {@code <meta http-equiv="Content-Type" content="…; charset=…">} in the first 4 kB, else UTF-8 when the
     * bytes are valid UTF-8, else GB18030. Every GB2312 and GBK label is read as GB18030, which decodes the
     * same bytes the same way and also the characters outside GB2312 that pages labelled gb2312 carry (the
     * WHATWG Encoding Standard maps these labels to GBK for that reason).
     */
    static String decode(byte[] bytes) {
        if (NoticeDocuments.startsWith(bytes, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        Charset declared = m.find() ? charset(m.group(1)) : null;
        if (declared != null) {
            return new String(bytes, declared);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("GB18030"));
        }
    }

    private static Charset charset(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        switch (l) {
            case "gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "csgb2312", "chinese", "iso-ir-58", "csiso58gb231280",
                 "euc-cn", "x-euc-cn", "cp936", "windows-936", "ms936", "gb18030":
                return Charset.forName("GB18030");
            case "big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5":
                return Charset.forName("Big5-HKSCS");
            case "iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252":
                return Charset.forName("windows-1252");
            default:
                try {
                    return Charset.forName(l);
                } catch (IllegalArgumentException unknown) {
                    return null;
                }
        }
    }

    /** The article container, or the body when the page has none. */
    private static Element container(Document page, ReadingTime time) throws DocumentException {
        for (String selector : List.of("article", "main, [role=main]")) {
            Element best = longest(page.select(selector), time);
            if (best != null) {
                return best;
            }
        }
        Elements named = new Elements();
        int seen = 0;
        for (Element e : page.body().getAllElements()) {
            if (++seen % NODES_PER_CHECK == 0) {
                time.check();
            }
            if (CONTENT_NAME.matcher(e.id()).find() || e.classNames().stream().anyMatch(c -> CONTENT_NAME.matcher(c).find())) {
                named.add(e);
            }
        }
        Element best = longest(named, time);
        if (best == null) {
            return page.body();
        }
        // A named wrapper ("main-content") often holds the page's chrome around the article ("TRS_Editor"):
        // take the innermost named element that still holds nearly all of the wrapper's text.
        int whole = best.text().length();
        for (Element inner : named) {
            time.check(); // each text() below walks a subtree: nested wrappers make this quadratic
            if (inner != best && inner.text().length() >= whole * 0.8 && inner.parents().contains(best)) {
                best = inner;
            }
        }
        return best;
    }

    /** The candidate with the longest text (the first of equals), or {@code null} when all are blank. */
    private static Element longest(Elements candidates, ReadingTime time) throws DocumentException {
        Element best = null;
        int bestLength = -1;
        for (Element e : candidates) {
            time.check(); // text() walks the subtree: nested candidates make this quadratic
            String text = e.text();
            if (!text.isBlank() && text.length() > bestLength) {
                best = e;
                bestLength = text.length();
            }
        }
        return best;
    }

    /** Appends text with line breaks at blocks and rows; inside a table cell a break is a space. */
    private static final class Lines implements NodeVisitor {
        private final StringBuilder out;
        private final ReadingTime time;
        private int nodes;
        private int cellDepth;
        private int preDepth;
        private boolean firstCell;

        Lines(StringBuilder out, ReadingTime time) {
            this.out = out;
            this.time = time;
        }

        @Override
        public void head(Node node, int depth) {
            if (++nodes % NODES_PER_CHECK == 0) {
                Refused.check(time);
            }
            if (node instanceof TextNode t) {
                text(preDepth > 0 ? t.getWholeText() : t.getWholeText().replaceAll("[ \\t\\n\\r\\f]+", " "));
                return;
            }
            if (!(node instanceof Element e)) {
                return;
            }
            String name = e.normalName();
            switch (name) {
                case "tr" -> {
                    breakLine();
                    firstCell = true;
                }
                case "td", "th" -> {
                    if (!firstCell) {
                        trimSpaces();
                        out.append(cellDepth == 0 ? "\t" : " ");
                    }
                    firstCell = false;
                    cellDepth++;
                }
                case "br" -> breakLine();
                case "pre" -> {
                    breakLine();
                    preDepth++;
                }
                default -> {
                    if (BLOCK.contains(name)) {
                        breakLine();
                    }
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element e)) {
                return;
            }
            switch (e.normalName()) {
                case "tr" -> breakLine();
                case "td", "th" -> {
                    trimSpaces();
                    cellDepth--;
                }
                case "pre" -> {
                    preDepth--;
                    breakLine();
                }
                default -> {
                    if (BLOCK.contains(e.normalName())) {
                        breakLine();
                    }
                }
            }
        }

        private void text(String s) {
            if (preDepth > 0 && cellDepth == 0) {
                out.append(s);
                return;
            }
            s = s.replace('\n', ' ');
            if (s.startsWith(" ") && (out.isEmpty() || endsWithSpace())) {
                s = s.substring(1);
            }
            out.append(s);
        }

        private boolean endsWithSpace() {
            char last = out.charAt(out.length() - 1);
            return last == ' ' || last == '\n' || last == '\t';
        }

        /** A block boundary: a new line, or a space inside a table cell (a row stays one line). */
        private void breakLine() {
            if (cellDepth > 0) {
                if (!out.isEmpty() && !endsWithSpace()) {
                    out.append(' ');
                }
            } else {
                newline();
            }
        }

        private void trimSpaces() {
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
        }

        private void newline() {
            trimSpaces();
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }
    }
}
