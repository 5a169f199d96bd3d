package cutoff.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A body of the wrong shape is a 400 naming the field and the shape it takes, in words, never the parser's own. */
class BodiesTest {
    record Person(String email, List<String> topics) {
    }

    record Upload(List<Person> staff) {
    }

    private static HttpProblem refused(String body) {
        return assertThrows(HttpProblem.class, () -> Bodies.json(body, Upload.class));
    }

    @Test
    void eachWrongShapeNamesTheFieldAndWhatItTakes() {
        List<List<String>> cases = List.of(
                List.of("{\"staff\":[1,2]}", "staff", "staff has the wrong type: it takes a list of objects"),
                List.of("{\"staff\":[[]]}", "staff", "staff has the wrong type: it takes a list of objects"),
                List.of("{\"staff\":{}}", "staff", "staff has the wrong type: it takes a list of objects"),
                List.of("{\"staff\":\"x\"}", "staff", "staff has the wrong type: it takes a list of objects"),
                List.of("{\"staff\":[{\"email\":1}]}", "email", "email has the wrong type: it takes a string"),
                List.of("{\"staff\":[{\"email\":[]}]}", "email", "email has the wrong type: it takes a string"),
                List.of("{\"staff\":[{\"topics\":\"all\"}]}", "topics", "topics has the wrong type: it takes a list of strings"),
                List.of("{\"staff\":[{\"topics\":[{}]}]}", "topics", "topics has the wrong type: it takes a list of strings"));
        for (List<String> c : cases) {
            HttpProblem bad = refused(c.get(0));
            assertEquals(400, bad.status, c.get(0));
            assertEquals(c.get(1), bad.field, c.get(0));
            assertEquals(c.get(2), bad.getMessage(), c.get(0));
            assertFalse(bad.getMessage().contains("cutoff.") || bad.getMessage().contains("`"), bad.getMessage());
        }
    }
}
