package cutoff.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.handler.FeedHandler;
import cutoff.handler.Routes;

/**
 * One cold invocation, as Lambda does it: construct the handler with its no-argument constructor
 * (clients from the environment: CUTOFF_TABLE, DYNAMODB_ENDPOINT, AWS_REGION), serve one topic feed,
 * exit. {@code infra/bench/bench.sh} times whole processes of this.
 *
 * <p>Argument: the topic id. Exit 0 when the feed came back 200.
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        APIGatewayV2HTTPEvent event = Routes.event("GET", "/feeds/topics/" + args[0] + ".ics", java.util.Map.of(), null);
        FeedHandler handler = new FeedHandler();
        long t1 = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long t2 = System.nanoTime();
        System.out.printf("%d %d chars; JVM up %d ms before main, handler built in %d ms, first request %d ms%n",
                response.getStatusCode(), response.getBody().length(),
                System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()
                        - (t2 - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        System.exit(response.getStatusCode() == 200 ? 0 : 1);
    }
}
