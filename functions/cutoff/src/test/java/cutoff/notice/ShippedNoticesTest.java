package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.testing.Guidelines;
import cutoff.testing.Project;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reviewed records in infra/local/notices are the parser's reading of the real notices, changed
 * only where a person says so in {@code review}: they must not drift from what the text says.
 */
class ShippedNoticesTest {
    private static Notice record(String file) throws Exception {
        return NoticeJson.read(Files.readAllBytes(Project.root().resolve("infra/local/notices").resolve(file)));
    }

    private static Notice parsed(String guideline, Integer year) throws Exception {
        return new NoticeParser().parse(Guidelines.bytes(guideline), year);
    }

    private static Notice unreviewed(Notice n) {
        return new Notice(n.id(), n.documentNumber(), n.issuer(), n.relayedBy(), n.title(), n.signedOn(), n.applicationSite(),
                n.topics(), n.missing(), null, null);
    }

    @Test
    void shanghaiRecords_areExactlyWhatTheParserReads() throws Exception {
        assertEquals(parsed(Guidelines.STCSM_2023_4, null), unreviewed(record("stcsm-2023-4.json")));
        assertEquals(parsed(Guidelines.STCSM_2026_8, null), unreviewed(record("stcsm-2026-8.json")));
    }

    @Test
    void zhejiangRecord_differsOnlyInTheSuppliedWindow_andSaysItIsAPlaceholder() throws Exception {
        Notice shipped = record("zhejiang-bilateral-2024.json");
        Notice text = parsed(Guidelines.ZHEJIANG_BILATERAL, 2024);
        assertNotNull(shipped.review());
        assertTrue(shipped.review().startsWith("NOT FROM A SOURCE"), shipped.review());
        assertTrue(shipped.caveat().contains("placeholder"), "subscribers are told: " + shipped.caveat());
        assertEquals(text.topics().size(), shipped.topics().size());
        for (int i = 0; i < text.topics().size(); i++) {
            // The record was written by hand from the text: the same reading, without the text's evidence.
            Topic read = text.topics().get(i);
            List<ForeignDeadline> unsourced = read.foreignDeadlines().stream().map(f -> new ForeignDeadline(f.partner(),
                    f.agency(), f.zone(), f.date(), f.time(), f.sameAsOurs(), f.asWritten(), f.condition(), f.site(),
                    f.contact(), f.confidence(), f.reasons(), null)).toList();
            assertTrue(read.foreignDeadlines().stream().allMatch(f -> f.date() == null || f.source() != null),
                    "every dated foreign side read from the text carries its source");
            assertEquals(new Topic(read.id(), read.key(), read.programme(), read.title(), read.directions(), read.window(),
                    unsourced, read.deadlines(), read.fundingCapWan(), read.projectPeriod(), read.fields()),
                    shipped.topics().get(i).withWindow(null), "topic " + i);
            assertNotNull(shipped.topics().get(i).window());
        }
        assertEquals(text.missing().stream().filter(m -> !m.contains(".window:")).toList(), shipped.missing());
        assertEquals(List.of(), shipped.missing().stream().filter(m -> m.contains("without a year")).toList());
    }
}
