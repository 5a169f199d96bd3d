package cutoff.local.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A browser test class: the shared local stack ({@link E2eStack#get}) and one headless Chromium for the class. */
abstract class BrowserTest {
    static Browser browser;
    static E2eStack stack;

    @BeforeAll
    static void startBrowser() throws Exception {
        stack = E2eStack.get();
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
