package cutoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cutoff.document.TestDocuments;
import cutoff.testing.Guidelines;
import cutoff.testing.LocalDynamo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cutoff ingest} against DynamoDB Local, with the table and endpoint given as flags. */
class IngestCommandIT {
    @Test
    void ingestTwice_storesOnce_thenReportsEverythingUnchanged() {
        String table = LocalDynamo.newTable(LocalDynamo.client());
        String file = Guidelines.path(Guidelines.STCSM_2023_4).toString();
        String[] args = {"ingest", file, "--table", table, "--endpoint", LocalDynamo.endpoint(), "--region", "us-east-1"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(args, o, e), err.toString(StandardCharsets.UTF_8));
        assertEquals("2023-4-82277d: 12 added, 0 moved, 0 updated, 0 withdrawn, 0 unchanged\n",
                out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, Main.run(args, o, e));
        assertEquals("2023-4-82277d: 0 added, 0 moved, 0 updated, 0 withdrawn, 12 unchanged\n",
                out.toString(StandardCharsets.UTF_8));
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertEquals(2 * 3, warnings.lines().filter(l -> l.contains(": warning: topics[")
                && l.contains("states no foreign-side deadline")).count(), warnings);
        assertEquals(warnings.lines().count(), warnings.lines().filter(l -> l.contains(": warning: ")).count(), warnings);
    }

    @Test
    void theSameNotice_asPdfAndDocx_changesNothing_andABatchWithAScan_writesNothing(@TempDir Path dir) throws Exception {
        String table = LocalDynamo.newTable(LocalDynamo.client());
        byte[] text = Guidelines.bytes(Guidelines.STCSM_2023_4);
        List<String> lines = TestDocuments.lines(new String(text, StandardCharsets.UTF_8));
        Path txt = Files.write(dir.resolve("stcsm-2023-4.txt"), text);
        Path pdf = Files.write(dir.resolve("stcsm-2023-4.pdf"), TestDocuments.pdf(lines));
        Path docx = Files.write(dir.resolve("stcsm-2023-4.docx"), TestDocuments.docx(lines, 40, 48));
        Path scan = Files.write(dir.resolve("scan.pdf"), TestDocuments.scannedPdf());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] flags = {"--table", table, "--endpoint", LocalDynamo.endpoint(), "--region", "us-east-1"};

        assertEquals(0, Main.run(args(txt, flags), o, e), err.toString(StandardCharsets.UTF_8));
        assertEquals("2023-4-82277d: 12 added, 0 moved, 0 updated, 0 withdrawn, 0 unchanged\n", out.toString(StandardCharsets.UTF_8));
        for (Path document : List.of(pdf, docx)) {
            out.reset();
            assertEquals(0, Main.run(args(document, flags), o, e), err.toString(StandardCharsets.UTF_8));
            assertEquals("2023-4-82277d: 0 added, 0 moved, 0 updated, 0 withdrawn, 12 unchanged\n",
                    out.toString(StandardCharsets.UTF_8), document.toString());
        }

        out.reset();
        err.reset();
        String[] batch = {"ingest", docx.toString(), scan.toString(), flags[0], flags[1], flags[2], flags[3], flags[4], flags[5]};
        assertEquals(1, Main.run(batch, o, e));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains(scan + ": a PDF of 1 page with no text layer (a scan?)"), said);
        assertTrue(said.endsWith("nothing was ingested: fix the files above and run again\n"), said);
    }

    /** A batch whose second notice is too large for its DynamoDB item: refused before the first is written. */
    @Test
    void aBatchWithANoticeTooLargeToStore_writesNothing_namingTheFile(@TempDir Path dir) throws Exception {
        String table = LocalDynamo.newTable(LocalDynamo.client());
        cutoff.notice.Notice base = new cutoff.notice.NoticeParser().parse(Guidelines.bytes(Guidelines.STCSM_2023_4), null);
        cutoff.notice.Topic t = base.topics().get(0);
        java.util.Random random = new java.util.Random(11);
        List<cutoff.notice.Topic> topics = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            StringBuilder title = new StringBuilder().append(i);
            for (int k = 0; k < 1_200; k++) {
                title.append((char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00)));
            }
            topics.add(new cutoff.notice.Topic("t" + (i + 1), t.key() + i, t.programme(), title.toString(), t.directions(),
                    t.window(), t.foreignDeadlines(), t.deadlines(), t.fundingCapWan(), t.projectPeriod(), t.fields()));
        }
        Path big = Files.writeString(dir.resolve("big.json"), cutoff.notice.NoticeJson.write(base.withTopics(topics)));
        String[] args = {"ingest", Guidelines.path(Guidelines.STCSM_2023_4).toString(), big.toString(),
                "--table", table, "--endpoint", LocalDynamo.endpoint(), "--region", "us-east-1"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertEquals(1, Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));

        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains(big + ": refused: notice 2023-4-82277d: the item NOTICE#2023-4-82277d #NOTICE would take "), said);
        assertTrue(said.endsWith("nothing was ingested: fix the files above and run again\n"), said);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(0, LocalDynamo.client().scan(b -> b.tableName(table).select("COUNT")).count(), "the first notice was not written");
    }

    @Test
    void aReadingUnderReview_isRefusedNamingTopicCandidatesAndReasons_untilTheOperatorAcceptsACutoff(@TempDir Path dir) throws Exception {
        String table = LocalDynamo.newTable(LocalDynamo.client());
        Path file = Files.writeString(dir.resolve("two.txt"), "关于申报2024年度测试项目的通知\n各有关单位：\n"
                + "请申报人于2024年5月10日前提交申报书，截止时间为2024年5月20日17:00。\n科技处\n2024年4月1日\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] flags = {"--table", table, "--endpoint", LocalDynamo.endpoint(), "--region", "us-east-1"};
        assertEquals(1, Main.run(args(file, flags), o, e));
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains(file + ": refused: topic x-") && said.contains("cutoff 2024-05-20T17:00:00+08:00")
                && said.contains("OTHER 2024-05-10") && said.contains("two candidate applicant cutoffs"), said);
        assertTrue(said.endsWith("nothing was ingested: fix the files above and run again\n"), said);
        assertEquals("", out.toString(StandardCharsets.UTF_8));

        err.reset();
        String[] wrongTopic = {"ingest", file.toString(), "--accept-review", "专题九=2024-05-20T17:00", flags[0], flags[1], flags[2],
                flags[3], flags[4], flags[5]};
        assertEquals(1, Main.run(wrongTopic, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--accept-review 专题九: no topic"), err.toString(StandardCharsets.UTF_8));

        String topic = said.substring(said.indexOf("topic x-") + 6).split(" ")[0];
        String[] accept = {"ingest", file.toString(), "--accept-review", topic + "=2024-05-20T17:00", flags[0], flags[1], flags[2],
                flags[3], flags[4], flags[5]};
        assertEquals(0, Main.run(accept, o, e), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(": 1 added"), out.toString(StandardCharsets.UTF_8));
    }

    private static String[] args(Path file, String[] flags) {
        String[] args = new String[2 + flags.length];
        args[0] = "ingest";
        args[1] = file.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        return args;
    }
}
