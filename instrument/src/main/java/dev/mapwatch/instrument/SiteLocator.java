package dev.mapwatch.instrument;

import java.util.List;
import java.util.function.ToIntFunction;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Told where each rewritten call site is (class, method, line) and what it is named, so that a JFR
 * stack frame at that place can be attributed to its map ({@code dev.mapwatch.bootstrap.SiteLocations}).
 * A site registry that is not a locator (the warm-up's) is told nothing.
 */
interface SiteLocator {

    /** A site named {@code site} is at {@code line} (-1: unknown) of {@code owner.method descriptor}. */
    void locate(String owner, String method, String descriptor, int line, String site);

    /**
     * Tells {@code sites}, when it is a locator, where the {@code calls} of {@code method} are,
     * named {@code names} (in order): the line is that of the nearest line number entry before the
     * call, the one JFR reports for a frame stopped at it. Runs while the class is rewritten.
     */
    static void locateAll(
            String owner,
            MethodNode method,
            List<MethodInsnNode> calls,
            List<String> names,
            ToIntFunction<String> sites) {
        if (!(sites instanceof SiteLocator locator)) {
            return;
        }
        for (int i = 0; i < calls.size(); i++) {
            locator.locate(owner, method.name, method.desc, lineOf(calls.get(i)), names.get(i));
        }
    }

    /** The source line of {@code insn}, -1 when the method has no line numbers before it. */
    static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode at = insn; at != null; at = at.getPrevious()) {
            if (at instanceof LineNumberNode number) {
                return number.line;
            }
        }
        return -1;
    }
}
