package dev.mapwatch.instrument;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Rewrites one class file: every counted map call ({@link CountedCalls}) in a method body becomes
 * a static call of the bootstrap helper with the same operands plus the id of the site's name.
 *
 * <p>Why this is safe to do to any class, at load time or by retransformation:
 * <ul>
 *   <li>Only instructions inside method bodies change: no member, attribute or constant the class
 *       declares is added or removed, which is all retransformation allows.
 *   <li>An {@code int} pushed immediately before the call and consumed by it changes the stack at
 *       no branch target, so the class's own stack map frames stay valid as they are. The writer
 *       only recomputes {@code max_stack} ({@link ClassWriter#COMPUTE_MAXS}); it never computes
 *       frames, which would need the common super class of two types and so load application
 *       classes from inside a class load (circularity, deadlock).
 *   <li>A class without a counted call is not rewritten at all ({@link #rewrite} returns null: the
 *       JVM keeps the original bytes); methods without one are copied as they were.
 * </ul>
 */
final class MapCallRewriter {

    private static final int API = Opcodes.ASM9;

    private MapCallRewriter() {
    }

    /**
     * The rewritten class file, or null when it has no counted call site.
     *
     * @param siteIds registers a site name and returns its id
     * @throws RuntimeException when ASM cannot read or write the class (the caller keeps the original)
     */
    static byte[] rewrite(byte[] classFile, ToIntFunction<String> siteIds) {
        if (!mayCallMaps(classFile)) {
            return null;
        }
        ClassReader reader = new ClassReader(classFile);
        Set<String> methods = methodsWithCountedCalls(reader);
        if (methods.isEmpty()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        String owner = reader.getClassName();
        reader.accept(new ClassVisitor(API, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!methods.contains(name + descriptor)) {
                    return next;
                }
                return new MethodNode(API, access, name, descriptor, signature, exceptions) {
                    @Override
                    public void visitEnd() {
                        rewriteCalls(owner, this, siteIds);
                        accept(next);
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    /**
     * The cheapest first look, before any parsing: a class that calls a method of one of {@link
     * CountedCalls#OWNERS} names that class in its constant pool, in modified UTF-8, which for
     * these ASCII names is the bytes themselves. {@code String.indexOf} is one of the JDK's
     * intrinsics, compiled long before application classes load, while ASM still runs
     * interpreted at start-up: most classes are turned away here.
     */
    static boolean mayCallMaps(byte[] classFile) {
        String bytes = new String(classFile, StandardCharsets.ISO_8859_1);
        for (String owner : CountedCalls.OWNER_PREFIXES) {
            if (bytes.contains(owner)) {
                return true;
            }
        }
        return false;
    }

    /** A cheap first pass: the methods (name + descriptor) that contain a counted call. */
    private static Set<String> methodsWithCountedCalls(ClassReader reader) {
        Set<String> methods = new HashSet<>();
        reader.accept(new ClassVisitor(API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(API) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (CountedCalls.counted(opcode, owner, method, desc)) {
                            methods.add(name + descriptor);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return methods;
    }

    private static void rewriteCalls(String owner, MethodNode method, ToIntFunction<String> siteIds) {
        List<MethodInsnNode> calls = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call && CountedCalls.counted(call)) {
                calls.add(call);
            }
        }
        // Name every site before changing anything: the analysis is indexed by instruction.
        CallSiteNames names = CallSiteNames.of(owner, method);
        List<String> siteNames = new ArrayList<>(calls.size());
        for (MethodInsnNode call : calls) {
            siteNames.add(names.nameOf(call));
        }
        SiteLocator.locateAll(owner, method, calls, siteNames, siteIds);
        for (int i = 0; i < calls.size(); i++) {
            MethodInsnNode call = calls.get(i);
            method.instructions.insertBefore(call, pushInt(siteIds.applyAsInt(siteNames.get(i))));
            method.instructions.set(call, new MethodInsnNode(Opcodes.INVOKESTATIC, CountedCalls.HELPER, call.name,
                    CountedCalls.helperDescriptor(call), false));
        }
    }

    private static AbstractInsnNode pushInt(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            return new IntInsnNode(Opcodes.BIPUSH, value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new IntInsnNode(Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }
}
