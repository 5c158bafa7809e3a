package dev.mapwatch.exporter.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // JDK 17, as JFR names hidden classes (from the Spring Boot application of issue
                // 11) and as Class.getName() does
                "io.micrometer.observation.SimpleObservation$$Lambda$1201+0x00007f1c504cef50.2001381562 | io.micrometer.observation.SimpleObservation$$Lambda",
                "io.micrometer.observation.SimpleObservation$$Lambda$1201/0x0000000800c0b448 | io.micrometer.observation.SimpleObservation$$Lambda",
                "a.Foo$$Lambda$7+0x0000000800c01000 | a.Foo$$Lambda",
                // JDK 21 and 25
                "org.springframework.web.Foo$$Lambda.0x000000001f067b20 | org.springframework.web.Foo$$Lambda",
                "a.Foo$$Lambda/0x0000000801001a00 | a.Foo$$Lambda",
                "a.Foo$$Lambda+0x0000000801001a00 | a.Foo$$Lambda",
                // other hidden classes
                "java.lang.invoke.LambdaForm$MH/0x0000000800c0c000 | java.lang.invoke.LambdaForm$MH",
                "java.lang.invoke.LambdaForm$DMH+0x00007f1c50123400.12345 | java.lang.invoke.LambdaForm$DMH",
                "com.example.Hidden+0x0000000800c0d000 | com.example.Hidden",
                // proxies, reflection accessors, CGLIB, Byte Buddy
                "jdk.proxy2.$Proxy123 | jdk.proxy.$Proxy",
                "jdk.proxy1.$Proxy7 | jdk.proxy.$Proxy",
                "com.sun.proxy.$Proxy12 | com.sun.proxy.$Proxy",
                "com.example.$Proxy45 | com.example.$Proxy",
                "jdk.internal.reflect.GeneratedMethodAccessor123 | jdk.internal.reflect.GeneratedMethodAccessor",
                "jdk.internal.reflect.GeneratedConstructorAccessor9 | jdk.internal.reflect.GeneratedConstructorAccessor",
                "jdk.internal.reflect.GeneratedSerializationConstructorAccessor3 | jdk.internal.reflect.GeneratedSerializationConstructorAccessor",
                "sun.reflect.GeneratedMethodAccessor1 | sun.reflect.GeneratedMethodAccessor",
                "com.example.OrderService$$EnhancerBySpringCGLIB$$1a2b3c | com.example.OrderService$$EnhancerBySpringCGLIB",
                "com.example.OrderService$$FastClassBySpringCGLIB$$9f8e7d | com.example.OrderService$$FastClassBySpringCGLIB",
                "com.example.OrderService$$EnhancerByCGLIB$$abc | com.example.OrderService$$EnhancerByCGLIB",
                "com.example.OrderService$$SpringCGLIB$$0 | com.example.OrderService$$SpringCGLIB",
                "com.example.Repo$ByteBuddy$abc123 | com.example.Repo$ByteBuddy",
                "com.example.Repo$MockitoMock$1234567 | com.example.Repo$MockitoMock",
                "com.example.Order$HibernateProxy$XyZ12ab | com.example.Order$HibernateProxy",
            })
    void dropsWhatChangesFromRunToRun(String raw, String stable) {
        assertThat(ClassNames.stable(raw)).isEqualTo(stable);
        assertThat(ClassNames.stable(stable)).as("idempotent").isEqualTo(stable);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "java.lang.Object", "com.example.Foo$1", "com.example.Foo$Inner", "com.example.Foo$Inner$2",
        "java.util.concurrent.ConcurrentHashMap$Node", "int[]", "com.example.Version2",
                "com.example.X0x12",
        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "(none)", "other",
    })
    void leavesOrdinaryNamesAlone(String name) {
        assertThat(ClassNames.stable(name)).isEqualTo(name);
    }

    @Test
    void theNamesThisJdkGivesItsGeneratedClassesAreStable() {
        Supplier<String> lambda = () -> "x";
        String lambdaName = lambda.getClass().getName();
        assertThat(lambdaName)
                .as("a hidden class on every supported JDK")
                .contains("$$Lambda")
                .contains("/0x");
        assertThat(ClassNames.stable(lambdaName))
                .isEqualTo(ClassNamesTest.class.getName() + "$$Lambda");

        Object proxy =
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {Runnable.class},
                        (p, m, a) -> null);
        assertThat(ClassNames.stable(proxy.getClass().getName()))
                .matches("(jdk\\.proxy|com\\.sun\\.proxy)\\.\\$Proxy");
        assertThat(ClassNames.stable(null)).isNull();
    }
}
