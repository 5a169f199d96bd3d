package cutoff.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A research office's staff list as a CSV upload, for the bulk test and the benchmark: {@code rows} data
 * rows (after the header) of which 50 are malformed, spread through the file. Good rows are at
 * {@code <prefix>NNNNN@example.edu.cn} (some at {@code cs.example.edu.cn}, one at the IDN domain
 * {@code 例子.cn}), with quoted commas and formula-like names among them, and topics of 沪科指南〔2026〕8号
 * or follow rules. Lines are CRLF; the file starts with a BOM.
 */
public final class StaffFiles {
    /** The office's domains for this file. */
    public static final List<String> DOMAINS = List.of("example.edu.cn", "例子.cn");
    /** The IDN row's address as written and as stored. */
    public static final String IDN = "idn.staff@例子.cn";
    public static final String IDN_STORED = "idn.staff@xn--fsqu00a.cn";

    private StaffFiles() {
    }

    /**
     * The file and what it holds.
     *
     * @param csv      the upload
     * @param bad      the file's line numbers of the malformed rows (header = line 1)
     * @param good     every good row's address in stored form
     */
    public record File(String csv, Set<Integer> bad, List<String> good) {
    }

    public static File generate(String prefix, int rows) {
        StringBuilder csv = new StringBuilder("\uFEFFemail,name,department,topics,language,leadTimes\r\n");
        Set<Integer> bad = new LinkedHashSet<>();
        List<String> good = new ArrayList<>();
        String[] topics = {"2026-8-304af3-t1", "2026-8-304af3", "all", "issuer:上海市科学技术委员会", "2026-8-304af3-t2;2026-8-304af3-t3"};
        int spacing = rows / 50;
        int malformed = 0;
        for (int i = 0; i < rows; i++) {
            int line = i + 2;
            if (i % spacing == spacing - 1 && malformed < 50) {
                String email = switch (malformed % 6) {
                    case 0 -> "x".repeat(65) + "@example.edu.cn";                               // local part over 64
                    case 1 -> "张三" + malformed + "@example.edu.cn";                                // non-ASCII local part
                    case 2 -> good.get(good.size() - 1 - malformed % 7).toUpperCase();            // a case-only duplicate
                    case 3 -> "\"" + prefix + malformed + ",comma@example.edu.cn\"";               // a quoted comma inside the address
                    case 4 -> "=HYPERLINK(\"\"http://evil.example\"\")";                            // a formula cell as the address
                    default -> prefix + malformed + "@example.com";                                // another office's domain
                };
                csv.append(email).append(",Bad ").append(malformed).append(",,all,zh,\r\n");
                bad.add(line);
                malformed++;
                continue;
            }
            String email;
            if (i == 17) {
                email = IDN;
                good.add(IDN_STORED);
            } else {
                email = String.format("%s%05d@%s", prefix, i, i % 10 == 3 ? "cs.example.edu.cn" : "example.edu.cn");
                good.add(email);
            }
            String name = i % 97 == 5 ? "\"Zhang, San " + i + "\"" : i % 89 == 7 ? "=SUM(A1:A9)" : "职员" + i;
            String department = i % 53 == 1 ? "\"@dept, lab " + i + "\"" : "物理学院";
            String topic = topics[i % topics.length];
            csv.append(email).append(',').append(name).append(',').append(department).append(',')
                    .append(topic.contains(";") ? "\"" + topic + "\"" : topic).append(',').append(i % 4 == 0 ? "en" : "zh").append(',')
                    .append(i % 3 == 0 ? "P7D;P1D" : "").append("\r\n");
        }
        return new File(csv.toString(), bad, good);
    }
}
