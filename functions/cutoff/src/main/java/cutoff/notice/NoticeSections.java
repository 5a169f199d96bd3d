package cutoff.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a notice's body into programmes, topics and the lines outside any topic.
 *
 * <p>Headings understood: topics {@code 专题一、…} / {@code 专题1：…} (STCSM 沪科指南〔2023〕4号,
 * 〔2026〕8号); programmes {@code 一、专项名称：…} with topics {@code （一）专题名称：…} (浙江 2024 科技合作领域
 * 项目指南); sections {@code 一、…}; directions {@code 方向一：…} / {@code 方向1、…}. A bracketed
 * {@code （一）} outside a programme is an ordinary paragraph (广东 2013's 重点支持 items, NSFC 2017's
 * research directions), not a topic. A body with no topic heading at all is one topic.
 */
final class NoticeSections {
    private static final String NUM = "[一二三四五六七八九十]+";
    private static final String ORD = "(?:" + NUM + "|\\d+)";
    static final Pattern SECTION = Pattern.compile("^(" + NUM + ")[、.．](.*)$");
    static final Pattern PROGRAMME = Pattern.compile("^(" + ORD + ")[、.．]专项名称[：:](.+?)[。]?$");
    static final Pattern TOPIC = Pattern.compile("^专题(" + ORD + ")[、，,.．：:](.+?)[：:。]?$");
    private static final Pattern PAREN_TOPIC = Pattern.compile("^[（(](" + NUM + ")[)）](专题名称[：:])?(.+?)[：:。]?$");
    static final Pattern DIRECTION = Pattern.compile("^方向(" + ORD + ")[、，,.．：:](.+?)[：:。]?$");
    private static final Pattern SYSTEM = Pattern.compile("(?:系统|平台).{0,40}(?:申报|填报|登录|提交|申请)|(?:申报|填报|登录|提交|申请).{0,40}(?:系统|平台)");
    private static final Pattern URL = Pattern.compile("https?://[\\x21-\\x7E]+");

    /** A topic as found: heading, programme, and its own lines. */
    record RawTopic(String key, Integer ordinal, Integer programmeIndex, String programme, String title,
                    List<String> lines) {
    }

    /** The body: topics in order, the lines outside them, and the title of a lone programme. */
    record Body(List<RawTopic> topics, List<String> noticeLines, String programmeTitle) {
    }

    private NoticeSections() {
    }

    static Body read(List<String> logical) {
        List<RawTopic> topics = new ArrayList<>();
        List<String> noticeLines = new ArrayList<>();
        List<String> current = null;
        Integer programmeIndex = null;
        String programme = null;
        int programmes = 0;
        for (String line : logical) {
            Matcher m;
            if ((m = PROGRAMME.matcher(line)).matches()) {
                programmes++;
                programmeIndex = programmes;
                programme = m.group(2).strip();
                current = null;
            } else if ((m = TOPIC.matcher(line)).matches()) {
                current = new ArrayList<>();
                topics.add(new RawTopic("专题" + m.group(1), ChineseNumerals.parse(m.group(1)), programmeIndex, programme,
                        m.group(2).strip(), current));
            } else if ((m = PAREN_TOPIC.matcher(line)).matches() && (programme != null || m.group(2) != null)) {
                current = new ArrayList<>();
                topics.add(new RawTopic("（" + m.group(1) + "）", ChineseNumerals.parse(m.group(1)), programmeIndex,
                        programme, m.group(3).strip(), current));
            } else if (SECTION.matcher(line).matches()) {
                current = null;
                programme = null;
                programmeIndex = null;
                noticeLines.add(line);
            } else if (current != null) {
                current.add(line);
            } else {
                noticeLines.add(line);
            }
        }
        String single = programmes == 1 && topics.isEmpty() ? programme : null;
        return new Body(topics, noticeLines, single);
    }

    /**
     * Where applicants apply: the first https address in the 申报方式 / 申报方法 section, else the first
     * http one there; failing a section, the first address on a line naming an online system where one
     * applies or logs in (江苏 2023: 国家科技管理信息系统; NSFC 2017: 登录科学基金网络信息系统).
     */
    static String applicationSite(List<String> noticeLines) {
        boolean inSection = false;
        String http = null;
        String fallback = null;
        for (String line : noticeLines) {
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                // A heading joined with its first paragraph (一、申报方式项目申报必须通过…系统(http://…)) keeps its URL.
                inSection = section.group(2).startsWith("申报方式") || section.group(2).startsWith("申报方法");
                line = section.group(2);
            }
            if (!inSection) {
                if (fallback == null && SYSTEM.matcher(line).find()) {
                    Matcher url = URL.matcher(line);
                    fallback = url.find() ? ForeignSide.trimUrl(url.group()) : null;
                }
                continue;
            }
            Matcher url = URL.matcher(line);
            while (url.find()) {
                String site = ForeignSide.trimUrl(url.group());
                if (site.startsWith("https://")) {
                    return site;
                }
                if (http == null) {
                    http = site;
                }
            }
        }
        return http != null ? http : fallback;
    }
}
