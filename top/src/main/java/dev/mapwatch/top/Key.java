package dev.mapwatch.top;

/**
 * A key the view reacts to.
 *
 * @param type what it is
 * @param c    the character, for {@link Type#CHAR}
 */
public record Key(Type type, char c) {

    /** Kinds of keys. */
    public enum Type {
        CHAR,
        UP,
        DOWN,
        LEFT,
        RIGHT,
        ENTER,
        BACKSPACE,
        ESCAPE,
        INTERRUPT
    }

    /** A typed character. */
    public static Key of(char c) {
        return new Key(Type.CHAR, c);
    }

    /** A key without a character. */
    public static Key of(Type type) {
        return new Key(type, '\0');
    }
}
