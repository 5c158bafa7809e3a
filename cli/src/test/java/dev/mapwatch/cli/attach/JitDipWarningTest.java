package dev.mapwatch.cli.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class JitDipWarningTest {

    private static Properties target(String specificationVersion, boolean jfrRan) {
        Properties properties = new Properties();
        properties.setProperty("java.specification.version", specificationVersion);
        if (jfrRan) {
            properties.setProperty("jdk.jfr.repository", "/tmp/2026_11_26_15_25_04_22790");
        }
        return properties;
    }

    @Test
    void warnsBeforeJdk23UnlessJfrAlreadyRanThere() {
        assertThat(JitDipWarning.forTarget(target("17", false)))
                .get()
                .asString()
                .startsWith("mapwatch: JDK 17 discards most compiled code when JFR first starts")
                .contains("JDK-8324241")
                .contains("10 s")
                .contains("-javaagent")
                .doesNotContain("\n");
        assertThat(JitDipWarning.forTarget(target("21", false)))
                .get()
                .asString()
                .startsWith("mapwatch: JDK 21 ");
        assertThat(JitDipWarning.forTarget(target("22", false))).isPresent();
        assertThat(JitDipWarning.forTarget(target("17", true)))
                .as("JFR already ran: paid at the time")
                .isEmpty();
        assertThat(JitDipWarning.forTarget(target("23", false))).isEmpty();
        assertThat(JitDipWarning.forTarget(target("25", false))).isEmpty();
        assertThat(JitDipWarning.forTarget(new Properties()))
                .as("unknown: say nothing rather than guess")
                .isEmpty();
    }
}
