package cutoff.eval;

import cutoff.notice.NotANoticeException;
import cutoff.notice.Notice;
import cutoff.notice.NoticeParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every notice of labelled corpus folders (no {@code --year}: a date without a year takes it from the text
 * or is reported missing) and scores each with {@link Scorer}.
 *
 * @param notices one line per notice, in folder and file-name order
 * @param total   the sum
 */
public record Evaluation(List<Line> notices, Score total) {

    /** One notice's result: the corpus-relative name and its score. */
    public record Line(String name, Score score) {
    }

    /**
     * How a file becomes a notice. A checked exception other than {@link IOException} (not a notice, a document
     * not read) is the reader refusing it; an unchecked one fails the evaluation.
     */
    @FunctionalInterface
    public interface Reader {
        Notice read(byte[] file) throws Exception;
    }

    /** Reads and scores the corpus folders, each file read as UTF-8 text by {@link NoticeParser}. */
    public static Evaluation run(List<Path> folders) throws IOException {
        NoticeParser parser = new NoticeParser();
        return run(folders, bytes -> parser.parse(bytes, null));
    }

    /**
     * Reads and scores the corpus folders.
     *
     * @param reader how a file becomes a notice (the command line's reads HTML, PDF, DOCX and DOC too)
     * @throws IOException when a folder has no readable {@code labels.json} or a labelled file cannot be read
     */
    public static Evaluation run(List<Path> folders, Reader reader) throws IOException {
        List<Line> lines = new ArrayList<>();
        Score total = Score.zero();
        for (Path folder : folders) {
            for (LabelledNotice labelled : LabelledNotice.read(folder)) {
                byte[] bytes = Files.readAllBytes(labelled.file());
                Score score;
                try {
                    Notice notice = reader.read(bytes);
                    score = Scorer.score(labelled.labels(), Readings.of(notice), false);
                } catch (IOException e) {
                    throw new IOException(labelled.file() + ": " + e.getMessage(), e);
                } catch (RuntimeException bug) {
                    throw bug; // a reader's failure is no refusal: it fails the evaluation
                } catch (Exception refused) {
                    score = Scorer.score(labelled.labels(), Readings.none(), true);
                }
                lines.add(new Line(folders.size() > 1 ? folder.getFileName() + "/" + labelled.name() : labelled.name(), score));
                total = total.plus(score);
            }
        }
        return new Evaluation(lines, total);
    }

    /** One line per notice (its figures, then what went wrong), a blank line, and the total. */
    public void print(PrintStream out) {
        int width = notices.stream().mapToInt(l -> l.name().length()).max().orElse(10);
        for (Line line : notices) {
            Score s = line.score();
            out.printf("%-" + width + "s  %s%s%n", line.name(), s.figures(),
                    s.problems().isEmpty() ? "" : "  [" + String.join("; ", s.problems()) + "]");
        }
        out.println();
        out.printf("%-" + width + "s  %s%n", "TOTAL (" + notices.size() + " notices)", total.figures());
    }
}
