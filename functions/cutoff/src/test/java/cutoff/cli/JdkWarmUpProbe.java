package cutoff.cli;

/** {@link JdkWarmUp#run} alone in a JVM of its own, for {@link JdkWarmUpTest}. */
public final class JdkWarmUpProbe {
    private JdkWarmUpProbe() {
    }

    public static void main(String[] args) {
        JdkWarmUp.run();
        System.out.println("warmed");
    }
}
