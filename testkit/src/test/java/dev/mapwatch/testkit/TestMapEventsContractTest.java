package dev.mapwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stand-ins have the real events' names and fields, field for field (name, type, unit): a field
 * added to a maps library event without its stand-in fails here, not in a handler test that silently
 * reads a default.
 */
class TestMapEventsContractTest {

    @ParameterizedTest
    @CsvSource({
        "dev.mapwatch.maps.MapStatisticsEvent, dev.mapwatch.testkit.TestMapEvents$MapStatistics",
        "dev.mapwatch.maps.MapPromotionEvent,  dev.mapwatch.testkit.TestMapEvents$MapPromotion",
        "dev.mapwatch.maps.MapLockWaitEvent,   dev.mapwatch.testkit.TestMapEvents$MapLockWait",
    })
    void theStandInMatchesTheRealEvent(String real, String standIn) throws ClassNotFoundException {
        EventType realType = EventType.getEventType(Class.forName(real).asSubclass(Event.class));
        EventType standInType =
                EventType.getEventType(Class.forName(standIn).asSubclass(Event.class));
        assertThat(standInType.getName()).isEqualTo(realType.getName());
        assertThat(fields(standInType)).isEqualTo(fields(realType));
    }

    /** Each field's name with its type and content type (units such as nanoseconds). */
    private static Map<String, String> fields(EventType type) {
        Map<String, String> fields = new TreeMap<>();
        for (ValueDescriptor field : type.getFields()) {
            fields.put(field.getName(), field.getTypeName() + " " + field.getContentType());
        }
        return fields;
    }
}
