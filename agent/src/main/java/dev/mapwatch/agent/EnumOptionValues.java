package dev.mapwatch.agent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How an option that picks an enum constant spells it: the constant's name in lower case with
 * {@code -} for {@code _} ({@code jfrStart=before-main}, {@code mapsCounting=sampled}), so every
 * such option reads the same and its error message lists the same words.
 */
final class EnumOptionValues {

    private EnumOptionValues() {}

    /** The option value of {@code constant}: {@code BEFORE_MAIN} is {@code before-main}. */
    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} whose option value is exactly {@code value}. */
    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> of(constant).equals(value))
                .findFirst();
    }

    /** Every option value of {@code type}, for messages: {@code exact, sampled, off}. */
    static String allowed(Class<? extends Enum<?>> type) {
        return String.join(
                ", ", Arrays.stream(type.getEnumConstants()).map(EnumOptionValues::of).toList());
    }
}
