package cutoff.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.api.FeedHandler;

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
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/feeds/topics/" + args[0] + ".ics");
        APIGatewayV2HTTPResponse response = new FeedHandler().handleRequest(event, null);
        System.out.println(response.getStatusCode() + " " + response.getBody().length() + " chars");
        System.exit(response.getStatusCode() == 200 ? 0 : 1);
    }
}
