package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.deadline.Deadlines;
import cutoff.deadline.IncompleteNoticeException;
import cutoff.testing.Guidelines;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Real notices damaged as extraction and copy-paste damage them (lines lost, repeated, cut, garbage and
 * impossible dates inserted): the parser either says "not a notice" or gives a notice that survives
 * JSON and becomes deadlines; it never throws anything else.
 */
class ParserRobustnessTest {
    private static final List<String> FILES = List.of(Guidelines.STCSM_2023_4, Guidelines.STCSM_2026_8,
            Guidelines.ZHEJIANG_BILATERAL, Guidelines.MOST_2013_ISRAEL, Guidelines.GUANGDONG_2013_RELAY,
            Guidelines.JIANGSU_2023_119, Guidelines.NSFC_2017);
    private static final String[] INSERTS = {"截止时间为2月30日24:00。", "申报时间：2024年13月1日至2024年3月1日。",
            "截止时间为2024年5月1日9:00至2024年4月1日16:30。", "（英方）", "外方截止时间为", "专题一、", "专题一、重复",
            "各有关单位：", "〔2024〕", "9月99号", "下午25点", "关于", "的通知", "\u3000\u3000", "２０２４年５月３０日１７：００前",
            "1．芬兰：外方截止时间为", "说明:请于5月1日之前报送科研处", "\uFEFF", "（", "《", "》"};

    @Test
    void damagedNotices_neverThrowAnythingButNotANotice() throws Exception {
        Random random = new Random(20261125);
        NoticeParser parser = new NoticeParser();
        int parsed = 0;
        for (String file : FILES) {
            List<String> lines = Arrays.asList(new String(Guidelines.bytes(file), StandardCharsets.UTF_8).split("\n", -1));
            for (int round = 0; round < 150; round++) {
                List<String> damaged = new ArrayList<>(lines);
                for (int k = 0; k < 1 + random.nextInt(6); k++) {
                    int at = random.nextInt(damaged.size());
                    switch (random.nextInt(5)) {
                        case 0 -> damaged.remove(at);
                        case 1 -> damaged.add(at, damaged.get(at));
                        case 2 -> damaged.set(at, damaged.get(at).substring(0, random.nextInt(damaged.get(at).length() + 1)));
                        case 3 -> damaged.add(at, INSERTS[random.nextInt(INSERTS.length)]);
                        default -> damaged.set(at, damaged.get(at) + INSERTS[random.nextInt(INSERTS.length)]);
                    }
                    if (damaged.isEmpty()) {
                        damaged.add("");
                    }
                }
                byte[] text = String.join("\n", damaged).getBytes(StandardCharsets.UTF_8);
                Notice n;
                try {
                    n = parser.parse(text, random.nextBoolean() ? null : 2024);
                } catch (NotANoticeException e) {
                    continue;
                }
                parsed++;
                assertEquals(n, NoticeJson.read(NoticeJson.write(n).getBytes(StandardCharsets.UTF_8)), file + " round " + round);
                for (Topic t : n.topics()) {
                    if (t.window() != null && t.window().opens() != null) {
                        assertTrue(t.window().opens().earliest(Window.BEIJING).isBefore(t.window().closes().passedBy(Window.BEIJING)));
                    }
                }
                try {
                    Deadlines.of(n, Instant.EPOCH);
                } catch (IncompleteNoticeException e) {
                    assertTrue(e.getMessage().contains("has no cutoff"), e.getMessage());
                }
            }
        }
        assertTrue(parsed > 700, "most damaged notices are still notices: " + parsed);
    }
}
