package cutoff.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.lang.runtime.ObjectMethods;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link DateOrDateTime}'s written-out {@code equals} and {@code hashCode} (written out for the command line's start-up,
 * docs/speed-cli.md) are the ones Java generates for the record: the generated pair is built here by
 * {@link ObjectMethods#bootstrap} from the record's components, so a component added without them fails this test.
 * Over generated values: dates only and date-times, on days a year apart and a day apart, at times a minute apart,
 * in offsets either side of UTC; every pair compared both ways, and every value's hash.
 */
class DateOrDateTimeTest {

    private static MethodHandle generated(String method, MethodType type) throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(DateOrDateTime.class, MethodHandles.lookup());
        RecordComponent[] components = DateOrDateTime.class.getRecordComponents();
        List<MethodHandle> getters = new ArrayList<>();
        for (RecordComponent c : components) {
            getters.add(lookup.unreflect(c.getAccessor()));
        }
        String names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(";"));
        return ((java.lang.invoke.CallSite) ObjectMethods.bootstrap(lookup, method, type, DateOrDateTime.class, names,
                getters.toArray(MethodHandle[]::new))).dynamicInvoker();
    }

    private static List<DateOrDateTime> values() {
        List<DateOrDateTime> values = new ArrayList<>();
        for (LocalDate day : List.of(LocalDate.of(2023, 6, 30), LocalDate.of(2023, 7, 1), LocalDate.of(2024, 6, 30),
                LocalDate.of(1900, 1, 1), LocalDate.of(2199, 12, 31))) {
            values.add(DateOrDateTime.ofDate(day));
            for (LocalTime time : List.of(LocalTime.MIDNIGHT, LocalTime.of(16, 30), LocalTime.of(16, 31), LocalTime.of(23, 59))) {
                for (ZoneOffset offset : List.of(ZoneOffset.ofHours(8), ZoneOffset.UTC, ZoneOffset.ofHours(-5))) {
                    values.add(DateOrDateTime.of(OffsetDateTime.of(day, time, offset)));
                }
            }
        }
        return values;
    }

    @Test
    void equalsAndHashCodeAreTheRecordsOwn() throws Throwable {
        MethodHandle equals = generated("equals", MethodType.methodType(boolean.class, DateOrDateTime.class, Object.class));
        MethodHandle hashCode = generated("hashCode", MethodType.methodType(int.class, DateOrDateTime.class));
        List<DateOrDateTime> values = values();
        // Copies made apart from the originals: equal values that are not the same object.
        List<DateOrDateTime> copies = values.stream()
                .map(v -> new DateOrDateTime(v.dateTime() == null ? null : OffsetDateTime.parse(v.dateTime().toString()),
                        LocalDate.parse(v.date().toString())))
                .toList();
        int equalPairs = 0;
        for (DateOrDateTime a : values) {
            assertEquals((int) hashCode.invoke(a), a.hashCode(), () -> "hashCode of " + a);
            assertEquals((boolean) equals.invoke(a, (Object) null), a.equals(null), () -> a + " against null");
            assertEquals((boolean) equals.invoke(a, (Object) a.toString()), a.equals(a.toString()), () -> a + " against a string");
            for (DateOrDateTime b : copies) {
                boolean expected = (boolean) equals.invoke(a, (Object) b);
                assertEquals(expected, a.equals(b), () -> a + " against " + b);
                assertEquals(expected, b.equals(a), () -> b + " against " + a);
                equalPairs += expected ? 1 : 0;
            }
        }
        // Each value equals its own copy and nothing else: the comparison above saw both answers.
        assertEquals(values.size(), equalPairs);
    }
}
