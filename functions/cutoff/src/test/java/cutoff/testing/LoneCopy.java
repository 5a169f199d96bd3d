package cutoff.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * The one place that decides "these tests run in a lone copy of {@code functions/cutoff}", and skips the
 * tests that need more.
 *
 * <p>{@code sam build} (aws-lambda-builders' {@code java_maven} workflow) copies the function's
 * {@code CodeUri}, this module's folder, <em>alone</em> into a temporary folder and runs {@code mvn clean
 * install} there: surefire's {@code *Test} and failsafe's {@code *IT} both run. Nothing above the module is
 * in that copy: no {@code template.yaml}, {@code events/}, {@code infra/} (the shipped notice records, the
 * SES stand-in and the other node tools), and no {@code ../shared/guidelines}. A lone copy is recognised by
 * the one fact all of them share: no {@code template.yaml} in the working directory or above it (the module's
 * own pom needs no parent, so the build itself stands alone). There, a test that needs any of them is
 * reported <em>skipped</em> with the reason (a JUnit assumption, aborted), not failed; every other test runs.
 * In the repository a missing piece (say {@code ../shared} not cloned beside it) still fails, naming it.
 */
public final class LoneCopy {
    private LoneCopy() {
    }

    /** True when no {@code template.yaml} is in the working directory or above it: {@code sam build}'s copy. */
    public static boolean here() {
        return Project.find() == null;
    }

    /**
     * Aborts the calling test (JUnit reports it skipped, with this reason) when in a lone copy; returns otherwise.
     *
     * @param needs what the test needs from around the module, e.g. {@code "template.yaml"}
     */
    public static void skipIfHere(String needs) {
        Assumptions.assumeFalse(here(), () -> "skipped in a lone copy of functions/cutoff (as sam build makes: the module"
                + " alone in a temporary folder): this test needs " + needs + " from the repository around it");
    }
}
