import java.lang.management.*;
import java.lang.reflect.Method;
import java.net.*;
import java.nio.file.*;
import java.util.*;

/**
 * Old and new commits' feed writers in one JVM, each commit's jars in a class loader of its own: outputs
 * checked equal, then renders of a 200-event feed alternated pair by pair (order swapped every pair), each input
 * prepared untimed ({@code PairProbe}'s cases: {@code first} deadlines never written in this JVM, {@code seen} deadlines
 * an earlier feed had; {@code stored}, {@code keepWrite}, {@code storedWrite}, {@code items} the deadlines' DynamoDB items), thread
 * CPU time and wall time per case; prints medians and the per-pair ratio new/old.
 * Arguments: old root, new root, pairs, notices folder, cases (comma-separated; default first,seen);
 * -Dprobe.classes: the compiled PairProbe.
 */
public final class Pair {
    static final Map<String, String> LABELS = Map.of(
            "first", "first render (deadlines never written in this JVM)",
            "seen", "render of deadlines an earlier feed had (new objects)",
            "stored", "first render from stored items (items decoded, stored text kept, then written; deadlines never written in this JVM)",
            "keepWrite", "first render from stored items, the stored texts kept and the write (items decoded untimed)",
            "storedWrite", "first render from stored items, the write alone (items decoded untimed)",
            "items", "the store's deadline items built for the feed's 200 deadlines (what an ingest or publication writes)");

    static Method[] load(String root, String notices, List<String> cases) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of(System.getProperty("probe.classes")).toUri().toURL());
        urls.add(Path.of(root, "functions/cutoff/target/cutoff-functions-0.1.0.jar").toUri().toURL());
        try (var s = Files.list(Path.of(root, "functions/cutoff/target/lib"))) { for (Path p : s.toList()) urls.add(p.toUri().toURL()); }
        ClassLoader l = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> c = Class.forName("PairProbe", true, l);
        c.getMethod("init", String.class).invoke(null, notices);
        List<Method> m = new ArrayList<>();
        for (String k : cases) {
            m.add(c.getMethod("prepare" + Character.toUpperCase(k.charAt(0)) + k.substring(1)));
            m.add(c.getMethod(k));
        }
        return m.toArray(Method[]::new);
    }
    public static void main(String[] a) throws Exception {
        int rounds = Integer.parseInt(a[2]);
        List<String> cases = List.of((a.length > 4 ? a[4] : "first,seen").split(","));
        Method[] old = load(a[0], a[3], cases), nu = load(a[1], a[3], cases);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int which = 0; which < cases.size(); which++) {
            String label = LABELS.get(cases.get(which));
            Method oPrep = old[2 * which], oRun = old[2 * which + 1], nPrep = nu[2 * which], nRun = nu[2 * which + 1];
            oPrep.invoke(null); nPrep.invoke(null);
            if (!oRun.invoke(null).equals(nRun.invoke(null))) throw new AssertionError("outputs differ: " + label);
            for (int i = 0; i < 300; i++) { oPrep.invoke(null); oRun.invoke(null); nPrep.invoke(null); nRun.invoke(null); }
            long[] o = new long[rounds], n = new long[rounds], ow = new long[rounds], nw = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                boolean oldFirst = i % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    boolean isOld = (k == 0) == oldFirst;
                    (isOld ? oPrep : nPrep).invoke(null);
                    long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                    (isOld ? oRun : nRun).invoke(null);
                    long c = mx.getCurrentThreadCpuTime() - c0, w = System.nanoTime() - w0;
                    if (isOld) { o[i] = c; ow[i] = w; } else { n[i] = c; nw[i] = w; }
                }
            }
            double[] r = new double[rounds];
            for (int i = 0; i < rounds; i++) r[i] = (double) n[i] / o[i];
            Arrays.sort(o); Arrays.sort(n); Arrays.sort(ow); Arrays.sort(nw); Arrays.sort(r);
            System.out.printf("%s, 200 events: old median %.3f ms CPU (%.3f wall), new %.3f ms CPU (%.3f wall); new/old per pair: median %.3f, quartiles %.3f-%.3f over %d pairs%n",
                    label, o[rounds/2]/1e6, ow[rounds/2]/1e6, n[rounds/2]/1e6, nw[rounds/2]/1e6, r[rounds/2], r[rounds/4], r[rounds*3/4], rounds);
        }
    }
}
