package dev.mapwatch.maps;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.Operation;

/** Builds Lincheck custom scenarios from Java (Lincheck's scenario DSL wants Kotlin functions). */
final class Scenarios {

    private final Class<?> opsClass;

    Scenarios(Class<?> opsClass) {
        this.opsClass = opsClass;
    }

    /** One call of the {@link Operation} named {@code name} with these arguments. */
    Actor call(String name, Object... args) {
        for (Method m : opsClass.getMethods()) {
            if (m.getName().equals(name)
                    && m.getParameterCount() == args.length
                    && m.isAnnotationPresent(Operation.class)) {
                return new Actor(m, Arrays.asList(args));
            }
        }
        throw new IllegalArgumentException(
                "no operation " + name + "/" + args.length + " in " + opsClass);
    }

    /** Two threads running {@code first} and {@code second} in parallel, then {@code post}. */
    ExecutionScenario parallel(List<Actor> first, List<Actor> second, List<Actor> post) {
        return new ExecutionScenario(List.of(), List.of(first, second), post, null);
    }
}
