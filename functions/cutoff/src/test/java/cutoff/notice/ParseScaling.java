package cutoff.notice;

import java.nio.charset.StandardCharsets;

/**
 * A timing driver, not a test: how {@link NoticeParser#parse} scales with a notice of N topics, each a heading
 * and a window line (the form of the probe in issue 19's review: 专题N heading, 网上申报时间为…至… line),
 * generated here. Prints one line per N: N, characters, milliseconds (best of {@code reps}), topics read.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) cutoff.notice.ParseScaling 5000 10000 20000}
 * (before the Ns: {@code reps=3} for the best of 3, {@code form=topics} for a topic per heading). Compare commits side by side, never a figure alone (BRIEF.md).
 */
public final class ParseScaling {
    private ParseScaling() {
    }

    /** The generated notice: a title, a salutation, then {@code n} repeats of a window line and a topic heading. */
    static byte[] notice(int n) {
        return notice(n, false);
    }

    /**
     * As {@link #notice(int)}; {@code headings}: each heading a topic of its own (专题N、测试N), each with its window
     * sentence after it, on a line of its own ((1)…).
     */
    static byte[] notice(int n, boolean headings) {
        StringBuilder text = new StringBuilder("关于开展2027年度测试专项项目申报工作的通知\n各有关单位：\n");
        for (int i = 0; i < n; i++) {
            String window = "网上申报时间为2027年3月1日9:00至2027年3月31日16:30。\n";
            text.append(headings ? "专题" + (i + 1) + "、测试" + (i + 1) + "\n（1）测试" + (i + 1) + window : window + "专题一 测试\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        int reps = 1;
        int start = 0;
        boolean headings = false;
        for (; start < args.length && args[start].contains("="); start++) {
            if (args[start].startsWith("reps=")) {
                reps = Integer.parseInt(args[start].substring(5));
            } else if (args[start].equals("form=topics")) {
                headings = true;
            }
        }
        NoticeParser parser = new NoticeParser();
        parser.parse(notice(200), null); // warm-up
        for (int a = start; a < args.length; a++) {
            int n = Integer.parseInt(args[a]);
            byte[] bytes = notice(n, headings);
            long best = Long.MAX_VALUE;
            String outcome = "";
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                try {
                    outcome = parser.parse(bytes, null).topics().size() + " topics";
                } catch (Exception e) {
                    outcome = "refused: " + e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf("N=%d chars=%d ms=%d %s%n", n, new String(bytes, StandardCharsets.UTF_8).length(),
                    best / 1_000_000, outcome);
        }
    }
}
