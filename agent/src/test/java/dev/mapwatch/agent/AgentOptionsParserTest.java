package dev.mapwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapwatch.maps.Counting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsParserTest {

    @Test
    void noArgumentsMeanDefaults() {
        assertThat(AgentOptions.parse(null)).isEqualTo(AgentOptions.defaults());
        assertThat(AgentOptions.parse("  ")).isEqualTo(AgentOptions.defaults());
        assertThat(AgentOptions.defaults().port()).isEqualTo(9464);
        assertThat(AgentOptions.defaults().host()).isEqualTo("127.0.0.1");
        assertThat(AgentOptions.defaults().lockThreshold()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void parsesEveryKey() {
        AgentOptions options =
                AgentOptions.parse("port=0, host=0.0.0.0,token=abc=def,lockThreshold=250us,topN=5");
        assertThat(options.port()).isZero();
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.token()).contains("abc=def");
        assertThat(options.lockThreshold()).isEqualTo(Duration.ofNanos(250_000));
        assertThat(options.topN()).isEqualTo(5);
        assertThat(options.authenticated()).isTrue();

        AgentOptions basic = AgentOptions.parse("user=prom,password=secret,lockThreshold=2s");
        assertThat(basic.user()).contains("prom");
        assertThat(basic.password()).contains("secret");
        assertThat(basic.lockThreshold()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void roundTripsThroughAgentArgs() {
        AgentOptions options = AgentOptions.parse("port=1234,token=t0k,lockThreshold=7ms,topN=3");
        assertThat(AgentOptions.parse(options.toAgentArgs())).isEqualTo(options);
        AgentOptions debug = AgentOptions.parse("port=1234,debug=true");
        assertThat(AgentOptions.parse(debug.toAgentArgs())).isEqualTo(debug);
    }

    @Test
    void debugIsOffUnlessAskedForStrictly() {
        assertThat(AgentOptions.parse("port=0").debug()).isFalse();
        assertThat(AgentOptions.parse("debug=true").debug()).isTrue();
        assertThat(AgentOptions.parse("debug=false").debug()).isFalse();
        assertThatThrownBy(() -> AgentOptions.parse("debug=yes"))
                .hasMessage("option 'debug' must be true or false, got 'yes'");
    }

    @Test
    void aTrailingCommaAndSpacesAreForgiven() {
        AgentOptions expected = AgentOptions.parse("port=0,topN=3");
        assertThat(AgentOptions.parse("port=0,topN=3,")).isEqualTo(expected);
        assertThat(AgentOptions.parse("  port=0 ,  topN=3 , ")).isEqualTo(expected);
        assertThat(AgentOptions.parse(",")).isEqualTo(AgentOptions.defaults());
        assertThatThrownBy(() -> AgentOptions.parse("port=0,,"))
                .hasMessageContaining("empty option");
    }

    @Test
    void toStringHidesSecrets() {
        assertThat(AgentOptions.parse("token=hunter2").toString())
                .doesNotContain("hunter2")
                .contains("bearer");
        assertThat(AgentOptions.parse("user=u,password=hunter2").toString())
                .doesNotContain("hunter2");
    }

    @Test
    void unknownOptionNamesItAndListsTheAllowedOnes() {
        assertThatThrownBy(() -> AgentOptions.parse("prot=9464"))
                .isInstanceOf(InvalidAgentOptionException.class)
                .hasMessage(
                        "unknown option 'prot' (allowed: port, host, token, user, password, lockThreshold, topN, debug,"
                                + " jfrStart, maps, mapsCounting, config)");
    }

    @Test
    void mapsTakesPackagePrefixesAndRefusesTheJdkAndMapwatch() {
        AgentOptions options = AgentOptions.parse("maps=com.acme:org.example.cache");
        assertThat(options.maps().packages()).containsExactly("com.acme", "org.example.cache");
        assertThat(AgentOptions.parse(options.toAgentArgs())).isEqualTo(options);
        assertThat(AgentOptions.parse("").maps().isEmpty()).isTrue();
        assertThatThrownBy(() -> AgentOptions.parse("maps=com.acme:2fast"))
                .isInstanceOf(InvalidAgentOptionException.class)
                .hasMessage(
                        "option 'maps': '2fast' in maps=com.acme:2fast is not a package name (write package"
                                + " prefixes separated by ':', for example maps=com.acme:org.example.cache)");
        assertThatThrownBy(() -> AgentOptions.parse("maps=java.util"))
                .isInstanceOf(InvalidAgentOptionException.class)
                .hasMessage(
                        "option 'maps': maps=java.util names the JDK or mapwatch itself, which are never observed;"
                                + " name your application's packages, for example maps=com.acme");
        assertThatThrownBy(() -> AgentOptions.parse("maps=dev.mapwatch.maps"))
                .isInstanceOf(InvalidAgentOptionException.class)
                .hasMessageContaining("names the JDK or mapwatch itself");
    }

    @Test
    void malformedValuesSayWhatIsAllowed() {
        assertThatThrownBy(() -> AgentOptions.parse("port=abc"))
                .hasMessage(
                        "option 'port' must be an integer from 0 to 65535 (0 picks a free port), got 'abc'");
        assertThatThrownBy(() -> AgentOptions.parse("port=70000"))
                .hasMessageContaining("got '70000'");
        assertThatThrownBy(() -> AgentOptions.parse("lockThreshold=10"))
                .hasMessageContaining(
                        "option 'lockThreshold' must be a duration with a unit (ns, us, ms, s, m, h)");
        assertThatThrownBy(() -> AgentOptions.parse("topN=0"))
                .hasMessageContaining("option 'topN'");
        assertThatThrownBy(() -> AgentOptions.parse("port"))
                .hasMessage("option 'port' needs a value (port=...)");
        assertThatThrownBy(() -> AgentOptions.parse("port=1,port=2"))
                .hasMessage("option 'port' is given twice");
        assertThatThrownBy(() -> AgentOptions.parse("port=1,,host=x"))
                .hasMessageContaining("empty option");
        assertThatThrownBy(() -> AgentOptions.parse("token="))
                .hasMessage("option 'token' is empty");
        assertThatThrownBy(() -> AgentOptions.parse("user=u"))
                .hasMessageContaining("'user' and 'password' go together");
        assertThatThrownBy(() -> AgentOptions.parse("token=t,user=u,password=p"))
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> AgentOptions.parse("jfrStart=later"))
                .hasMessage(
                        "option 'jfrStart' must be one of before-main, background, got 'later'");
    }

    @Test
    void theRecordingStartsBeforeMainUnlessAskedToStartInTheBackground() {
        assertThat(AgentOptions.defaults().jfrStart()).isEqualTo(JfrStart.BEFORE_MAIN);
        AgentOptions background = AgentOptions.parse("jfrStart=background");
        assertThat(background.jfrStart()).isEqualTo(JfrStart.BACKGROUND);
        assertThat(AgentOptions.parse(background.toAgentArgs())).isEqualTo(background);
        assertThat(AgentOptions.parse("jfrStart=before-main")).isEqualTo(AgentOptions.defaults());
    }

    @Test
    void theApplicationsMapsAreCountedExactlyUnlessSampledOrOffIsAskedFor() {
        assertThat(AgentOptions.defaults().mapsCounting()).isEqualTo(Counting.EXACT);
        assertThat(AgentOptions.parse("maps=com.acme").mapsCounting()).isEqualTo(Counting.EXACT);
        assertThat(AgentOptions.parse("mapsCounting=exact")).isEqualTo(AgentOptions.defaults());
        AgentOptions sampled = AgentOptions.parse("maps=com.acme,mapsCounting=sampled");
        assertThat(sampled.mapsCounting()).isEqualTo(Counting.SAMPLED);
        assertThat(sampled.toAgentArgs()).endsWith(",maps=com.acme,mapsCounting=sampled");
        assertThat(AgentOptions.parse(sampled.toAgentArgs())).isEqualTo(sampled);
        AgentOptions off = AgentOptions.parse("maps=com.acme, mapsCounting=off");
        assertThat(off.mapsCounting()).isEqualTo(Counting.OFF);
        assertThat(AgentOptions.parse(off.toAgentArgs())).isEqualTo(off);
        assertThat(off.toString()).endsWith(", maps=com.acme, mapsCounting=off]");
        assertThat(AgentOptions.parse("maps=com.acme").toAgentArgs())
                .doesNotContain("mapsCounting");
    }

    @Test
    void mapsCountingComesFromTheConfigFileToo(@TempDir Path dir) throws IOException {
        Path file =
                Files.writeString(
                        dir.resolve("mapwatch.properties"), "maps=com.acme\nmapsCounting=off\n");
        assertThat(AgentOptions.parse("config=" + file).mapsCounting()).isEqualTo(Counting.OFF);
        assertThat(AgentOptions.parse("config=" + file + ",mapsCounting=sampled").mapsCounting())
                .isEqualTo(Counting.SAMPLED);
        Path typo = Files.writeString(dir.resolve("typo.properties"), "mapsCounting=Sampled\n");
        assertThatThrownBy(() -> AgentOptions.parse("config=" + typo))
                .hasMessage(
                        "option 'mapsCounting' must be one of exact, sampled, off, got 'Sampled'");
    }

    @Test
    void aBadMapsCountingIsOneLineNamingTheOptionTheValueAndTheAllowedOnes() {
        for (String bad : new String[] {"fast", "SAMPLED", "estimated", "on", "sampled:exact"}) {
            assertThatThrownBy(() -> AgentOptions.parse("maps=com.acme,mapsCounting=" + bad))
                    .isInstanceOf(InvalidAgentOptionException.class)
                    .hasMessage(
                            "option 'mapsCounting' must be one of exact, sampled, off, got '"
                                    + bad
                                    + "'");
        }
        assertThatThrownBy(() -> AgentOptions.parse("mapsCounting="))
                .hasMessage("option 'mapsCounting' must be one of exact, sampled, off, got ''");
        assertThatThrownBy(() -> AgentOptions.parse("mapsCounting"))
                .hasMessage("option 'mapsCounting' needs a value (mapsCounting=...)");
        assertThatThrownBy(() -> AgentOptions.parse("mapsCounting=off,mapsCounting=exact"))
                .hasMessage("option 'mapsCounting' is given twice");
    }

    @Test
    void messagesNeverEchoSecrets() {
        assertThatThrownBy(() -> AgentOptions.parse("token=hunter2,,port=1"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void readsTheSameKeysFromAPropertiesFileInlineWins(@TempDir Path dir) throws IOException {
        Path file =
                Files.writeString(
                        dir.resolve("mapwatch.properties"), "port=9999\ntoken=fromfile\ntopN=4\n");
        AgentOptions options = AgentOptions.parse("config=" + file + ",port=0");
        assertThat(options.port()).isZero();
        assertThat(options.token()).isEqualTo(Optional.of("fromfile"));
        assertThat(options.topN()).isEqualTo(4);
    }

    @Test
    void badConfigFilesAreOneLine(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.properties");
        assertThatThrownBy(() -> AgentOptions.parse("config=" + missing))
                .isInstanceOf(InvalidAgentOptionException.class)
                .hasMessage(
                        "config file '"
                                + missing
                                + "' does not exist (config= names a properties file with the"
                                + " options; absolute paths are safest)");
        assertThatThrownBy(() -> AgentOptions.parse("config=" + dir))
                .hasMessageStartingWith("cannot read config file '" + dir + "' (");
        Path typo = Files.writeString(dir.resolve("typo.properties"), "prot=1\n");
        assertThatThrownBy(() -> AgentOptions.parse("config=" + typo))
                .hasMessageStartingWith("unknown option 'prot'");
        Path nested = Files.writeString(dir.resolve("nested.properties"), "config=/etc/x\n");
        assertThatThrownBy(() -> AgentOptions.parse("config=" + nested))
                .hasMessageContaining("not allowed inside");
    }
}
