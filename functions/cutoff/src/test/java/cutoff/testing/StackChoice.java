package cutoff.testing;

import java.lang.reflect.InvocationTargetException;

/**
 * Which stack the *IT suite runs against: {@code local} (default: DynamoDB Local in this JVM and the
 * aws-ses-v2-local stand-in) or {@code localstack} (LocalStack through Testcontainers; set by the
 * {@code localstack} Maven profile, {@code ./cutoff test --localstack}, whose extra test sources hold
 * {@code cutoff.testing.localstack.LocalStackStack}; reached by name so the default build needs none of it).
 */
final class StackChoice {
    static final String PROPERTY = "cutoff.stack";

    private StackChoice() {
    }

    static boolean localstack() {
        String value = System.getProperty(PROPERTY, "local").trim();
        return switch (value) {
            case "", "local" -> false;
            case "localstack" -> true;
            default -> throw new IllegalStateException(PROPERTY + " must be local or localstack, not " + value);
        };
    }

    /** LocalStack's endpoint, starting it the first time. */
    static String localstackEndpoint() {
        try {
            return (String) Class.forName("cutoff.testing.localstack.LocalStackStack").getMethod("endpoint").invoke(null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(PROPERTY + "=localstack needs the localstack Maven profile "
                    + "(./cutoff test --localstack, or mvn verify -Plocalstack)", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
