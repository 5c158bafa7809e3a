package dev.mapwatch.instrument;

import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * The {@code map} label of each call site in one method: the field the receiver was read from,
 * {@code <class>.<field>}, also when the method first copied the field into a local variable;
 * otherwise the code location {@code <class>.<method>:<line>}.
 *
 * <p>Where the receiver came from is found with ASM's {@link SourceInterpreter} (which instruction
 * produced each stack and local slot): from the call's receiver back through {@code ALOAD} to the
 * {@code ASTORE}s of that local, through {@code CHECKCAST} and {@code DUP}, to a {@code GETFIELD}
 * or {@code GETSTATIC}. Every path must reach the same field, else the location names it. The
 * interpreter merges no types, so no class is loaded, whatever the method does. A method the
 * analyzer rejects is named by locations only.
 */
final class CallSiteNames {

    /** Enough for a field copied through a few locals; bounds the walk through loops. */
    private static final int MAX_DEPTH = 12;

    private final String className;
    private final MethodNode method;
    private final Frame<SourceValue>[] frames;

    /** The source line of each instruction (by index), 0 when unknown: one pass, not a walk per call. */
    private final int[] lines;

    private CallSiteNames(String className, MethodNode method, Frame<SourceValue>[] frames) {
        this.className = className;
        this.method = method;
        this.frames = frames;
        this.lines = new int[method.instructions.size()];
        int line = 0;
        int i = 0;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            }
            lines[i++] = line;
        }
    }

    /** Analyzes {@code method} of the class {@code owner} (internal name). */
    static CallSiteNames of(String owner, MethodNode method) {
        Frame<SourceValue>[] frames;
        try {
            frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
        } catch (AnalyzerException | RuntimeException e) {
            frames = null; // names by location only
        }
        return new CallSiteNames(owner.replace('/', '.'), method, frames);
    }

    /**
     * The name of the map that {@code call} operates on; for a cache build, the name of the cache
     * it builds: the field the cache is stored in right away, else the code location.
     */
    String nameOf(MethodInsnNode call) {
        if (CountedCalls.buildsCache(call)) {
            String field = storedField(call);
            return field != null ? field : location(call);
        }
        String field = frames == null ? null : receiverField(call);
        return field != null ? field : location(call);
    }

    /** The field the result of {@code call} goes to next ({@code this.cache = builder.build()}), or null. */
    private static String storedField(MethodInsnNode call) {
        for (AbstractInsnNode at = call.getNext(); at != null; at = at.getNext()) {
            int opcode = at.getOpcode();
            if (opcode < 0 || opcode == Opcodes.CHECKCAST) {
                continue; // labels, line numbers, frames; the cast to the cache's declared type
            }
            if (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) {
                FieldInsnNode put = (FieldInsnNode) at;
                return put.owner.replace('/', '.') + "." + put.name;
            }
            return null;
        }
        return null;
    }

    private String receiverField(MethodInsnNode call) {
        Frame<SourceValue> frame = frames[method.instructions.indexOf(call)];
        if (frame == null) {
            return null; // unreachable code
        }
        int receiver = frame.getStackSize() - 1 - CountedCalls.argumentCount(call);
        return receiver < 0 ? null : field(frame.getStack(receiver), 0);
    }

    /** The one field every instruction that produced {@code value} reads, or null. */
    private String field(SourceValue value, int depth) {
        Set<AbstractInsnNode> sources = value.insns;
        if (depth > MAX_DEPTH || sources.isEmpty()) {
            return null; // a parameter, or too far
        }
        String found = null;
        for (AbstractInsnNode source : sources) {
            String field = field(source, depth);
            if (field == null || (found != null && !found.equals(field))) {
                return null;
            }
            found = field;
        }
        return found;
    }

    private String field(AbstractInsnNode insn, int depth) {
        switch (insn.getOpcode()) {
            case Opcodes.GETFIELD:
            case Opcodes.GETSTATIC:
                {
                    FieldInsnNode get = (FieldInsnNode) insn;
                    return get.owner.replace('/', '.') + "." + get.name;
                }
            case Opcodes.CHECKCAST:
            case Opcodes.DUP:
            case Opcodes.ASTORE:
                return topOfStackBefore(insn, depth);
            case Opcodes.ALOAD:
                {
                    Frame<SourceValue> frame = frames[method.instructions.indexOf(insn)];
                    return frame == null
                            ? null
                            : field(frame.getLocal(((VarInsnNode) insn).var), depth + 1);
                }
            default:
                return null;
        }
    }

    private String topOfStackBefore(AbstractInsnNode insn, int depth) {
        Frame<SourceValue> frame = frames[method.instructions.indexOf(insn)];
        if (frame == null || frame.getStackSize() == 0) {
            return null;
        }
        return field(frame.getStack(frame.getStackSize() - 1), depth + 1);
    }

    /** {@code <class>.<method>:<line>}; a lambda's body is named after the method it is written in. */
    private String location(MethodInsnNode call) {
        StringBuilder name =
                new StringBuilder(className).append('.').append(sourceMethodName(method.name));
        int line = lines[method.instructions.indexOf(call)];
        return line > 0 ? name.append(':').append(line).toString() : name.toString();
    }

    /** {@code lambda$main$0} (javac's name for a lambda body in {@code main}) becomes {@code main}. */
    static String sourceMethodName(String name) {
        if (name.startsWith("lambda$")) {
            int end = name.lastIndexOf('$');
            if (end > "lambda$".length()) {
                return name.substring("lambda$".length(), end);
            }
        }
        return name;
    }
}
