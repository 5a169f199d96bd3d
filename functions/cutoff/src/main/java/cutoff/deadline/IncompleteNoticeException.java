package cutoff.deadline;

import java.util.List;

/**
 * A notice that cannot become deadlines yet: some topic has no cutoff. The message names every such
 * topic and what the operator can supply; {@link #problems()} lists them one by one.
 */
public class IncompleteNoticeException extends Exception {
    private final List<String> problems;

    public IncompleteNoticeException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** One line per topic that lacks what a deadline needs. */
    public List<String> problems() {
        return problems;
    }
}
