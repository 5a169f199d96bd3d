package cutoff.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingTest {
    @Test
    void aFailingPrimingStep_neverStopsTheFunction() {
        List<String> seen = new ArrayList<>();
        Priming.quietly(() -> {
            throw new IllegalStateException("DynamoDB unreachable at snapshot time");
        }, e -> seen.add(e.getMessage()));
        assertEquals(List.of("DynamoDB unreachable at snapshot time"), seen);
    }

    @Test
    void renderingTheSampleFeed_works() {
        assertDoesNotThrow(Priming::renderFeed);
    }
}
