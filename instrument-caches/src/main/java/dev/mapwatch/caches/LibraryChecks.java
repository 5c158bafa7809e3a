package dev.mapwatch.caches;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Checks that a library version is one a hook fits, before the hook touches any builder: a version
 * the agent does not know is refused here, with a reason, rather than broken later.
 */
final class LibraryChecks {

    private LibraryChecks() {}

    /**
     * The builder's field {@code name}, made accessible, of a type {@code value} can be assigned to.
     *
     * @throws NoSuchFieldException when this version has no such field, or one of another type
     */
    static Field field(Class<?> builder, String name, Class<?> value) throws NoSuchFieldException {
        Field field = builder.getDeclaredField(name);
        if (!field.getType().isAssignableFrom(value)) {
            throw new NoSuchFieldException(
                    name + " is a " + field.getType().getName() + " in this version");
        }
        field.setAccessible(true);
        return field;
    }

    /**
     * Checks that {@code implementation} implements every abstract method of {@code api}: a version
     * that added one would otherwise fail inside the application's cache call.
     *
     * @throws NoSuchMethodException naming the first method it does not implement
     */
    static void implementsAll(Class<?> api, Class<?> implementation) throws NoSuchMethodException {
        for (Method method : api.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers())) {
                Method own = implementation.getMethod(method.getName(), method.getParameterTypes());
                if (Modifier.isAbstract(own.getModifiers())) {
                    throw new NoSuchMethodException(
                            api.getSimpleName()
                                    + "."
                                    + method.getName()
                                    + " is new in this version");
                }
            }
        }
    }
}
