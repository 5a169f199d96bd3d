package cutoff.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The chat stand-in ({@link ChatStandIn}, {@code infra/chat-local}) for one test class, on any free loopback port:
 * started before the class's {@code @BeforeAll} methods and closed after its tests. Register it with
 * {@code @RegisterExtension static final ChatStandInPerClass CHAT = new ChatStandInPerClass();} and reach it with
 * {@link #get()}.
 *
 * <p>In a lone copy of the module (what {@code sam build} and {@code .ci/sam-build} build), {@link ChatStandIn#start()}
 * skips the class (the project around the module is not there), and there is then nothing to close.
 */
public final class ChatStandInPerClass implements BeforeAllCallback, AfterAllCallback {
    private ChatStandIn standIn;

    @Override
    public void beforeAll(ExtensionContext context) {
        standIn = ChatStandIn.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (standIn != null) {
            standIn.close();
            standIn = null;
        }
    }

    /**
     * The running stand-in.
     *
     * @throws IllegalStateException outside the class's tests (before its start, or after its close)
     */
    public ChatStandIn get() {
        if (standIn == null) {
            throw new IllegalStateException("the chat stand-in runs only while its test class does");
        }
        return standIn;
    }
}
