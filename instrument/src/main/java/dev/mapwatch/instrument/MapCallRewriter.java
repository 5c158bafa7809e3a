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
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Rewrites one class file so that every counted map call ({@link CountedCalls}) in a method body
 * is counted, while the call itself stays where it was: the site keeps its own type profile, so
 * the JIT inlines the map's method there as in the original (bench/RESULTS.md section 6 measures
 * why this matters in a JVM that uses several map classes).
 *
 * <ul>
 *   <li>A call without a function: its operands go to fresh locals (past the method's own), the
 *       receiver is duplicated, the operands reloaded and the original call made; then {@code
 *       invokedynamic <op>(receiver, result, [default])}, linked by {@code SiteLink.link} with
 *       the site id as its argument, counts and returns the result, with the site's own branch
 *       profile. Class files older than Java 7 have no {@code invokedynamic}: there {@code
 *       CallResults.<op>(receiver, result, [default,] siteId)} counts instead.
 *   <li>A call with a function ({@code computeIfAbsent}, {@code compute}, {@code
 *       computeIfPresent}, {@code merge}): the function is first replaced by {@code
 *       MapFunctions}' wrapper, the original call made, and {@code MapFunctions.loaded/remapped}
 *       counts its result; an exception handler around the call alone releases the wrapper and
 *       rethrows to the method's own handlers. In a constructor, or inside handlers that expect
 *       different locals, the call becomes {@code MapCalls.<op>(receiver, ..., siteId)} instead
 *       (see {@code MapCalls} for why).
 * </ul>
 *
 * <p>Why this is safe to do to any class, at load time or by retransformation:
 * <ul>
 *   <li>Only instructions inside method bodies, one exception table entry per call with a
 *       function, and the constant pool and {@code BootstrapMethods} entries of the {@code
 *       invokedynamic} sites change: no member of the class is added or removed, which is all
 *       retransformation allows.
 *   <li>The class's own stack map frames stay valid as they are: the new locals lie past every
 *       local a frame describes (a frame that does not list a local leaves it unusable, which is
 *       what it is after our straight-line code), and the inserted code has no branch target. The
 *       only new frame is the handler's, written here and not computed: its locals are all {@code
 *       TOP} but the wrapper's, its stack the exception, and it ends in {@code athrow}, so it needs
 *       no type of the application's and no common super class (computing frames would load
 *       application classes from inside a class load: circularity, deadlock). Class files older
 *       than Java 6 get no frame, as their verifier infers types. The writer recomputes {@code
 *       max_stack} and {@code max_locals} only ({@link ClassWriter#COMPUTE_MAXS}).
 *   <li>A class without a counted call is not rewritten at all ({@link #rewrite} returns null: the
 *       JVM keeps the original bytes); methods without one are copied as they were.
 * </ul>
 */
final class MapCallRewriter {

    private static final int API = Opcodes.ASM9;

    /** {@code SiteLink.link}: binds each site's own counting, with the site's id as argument. */
    private static final Handle LINK =
            new Handle(
                    Opcodes.H_INVOKESTATIC,
                    CountedCalls.LINKS,
                    "link",
                    "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
                            + "Ljava/lang/invoke/MethodType;I)Ljava/lang/invoke/CallSite;",
                    false);

    private MapCallRewriter() {}

    /**
     * The rewritten class file, or null when it has no counted call site.
     *
     * @param siteIds registers a site name and returns its id
     * @throws RuntimeException when ASM cannot read or write the class (the caller keeps the original)
     */
    static byte[] rewrite(byte[] classFile, ToIntFunction<String> siteIds) {
        return rewrite(classFile, siteIds, CountedCalls.Scope.ALL);
    }

    /** As {@link #rewrite(byte[], ToIntFunction)}, rewriting only the calls of {@code scope}. */
    static byte[] rewrite(
            byte[] classFile, ToIntFunction<String> siteIds, CountedCalls.Scope scope) {
        if (!mayCallMaps(classFile)) {
            return null;
        }
        ClassReader reader = new ClassReader(classFile);
        Set<String> methods = methodsWithCountedCalls(reader, scope);
        if (methods.isEmpty()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        String owner = reader.getClassName();
        int major = reader.readUnsignedShort(6);
        boolean writesFrames = major >= Opcodes.V1_6; // 50 and later verify by frames
        boolean links = major >= Opcodes.V1_7; // 51 and later have invokedynamic
        reader.accept(
                new ClassVisitor(API, writer) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access,
                            String name,
                            String descriptor,
                            String signature,
                            String[] exceptions) {
                        MethodVisitor next =
                                super.visitMethod(access, name, descriptor, signature, exceptions);
                        if (!methods.contains(name + descriptor)) {
                            return next;
                        }
                        return new MethodNode(
                                API, access, name, descriptor, signature, exceptions) {
                            @Override
                            public void visitEnd() {
                                rewriteCalls(owner, this, siteIds, writesFrames, links, scope);
                                accept(next);
                            }
                        };
                    }
                },
                ClassReader.EXPAND_FRAMES); // full frames: a handler's locals can be read off its
        // frame
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
    private static Set<String> methodsWithCountedCalls(
            ClassReader reader, CountedCalls.Scope scope) {
        Set<String> methods = new HashSet<>();
        reader.accept(
                new ClassVisitor(API) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access,
                            String name,
                            String descriptor,
                            String signature,
                            String[] exceptions) {
                        return new MethodVisitor(API) {
                            @Override
                            public void visitMethodInsn(
                                    int opcode,
                                    String owner,
                                    String method,
                                    String desc,
                                    boolean itf) {
                                if (scope.rewrites(opcode, owner, method, desc)) {
                                    methods.add(name + descriptor);
                                }
                            }
                        };
                    }
                },
                ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return methods;
    }

    private static void rewriteCalls(
            String owner,
            MethodNode method,
            ToIntFunction<String> siteIds,
            boolean writesFrames,
            boolean links,
            CountedCalls.Scope scope) {
        List<MethodInsnNode> calls = new ArrayList<>();
        List<MethodInsnNode> springLookups = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call && scope.rewrites(call)) {
                (CountedCalls.springCacheLookup(call) ? springLookups : calls).add(call);
            }
        }
        // A Spring cache is named by its own name, at run time: its lookups need no site name.
        int scratch = method.maxLocals;
        for (MethodInsnNode lookup : springLookups) {
            keepSpringLookup(method, lookup, scratch);
        }
        // Name every site before changing anything: the analysis is indexed by instruction.
        CallSiteNames names = CallSiteNames.of(owner, method);
        List<String> siteNames = new ArrayList<>(calls.size());
        for (MethodInsnNode call : calls) {
            siteNames.add(names.nameOf(call));
        }
        SiteLocator.locateAll(owner, method, calls, siteNames, siteIds);
        boolean constructor = "<init>".equals(method.name);
        // The first local past the method's own (scratch, above): every call's operands go there.
        for (int i = 0; i < calls.size(); i++) {
            MethodInsnNode call = calls.get(i);
            int site = siteIds.applyAsInt(siteNames.get(i));
            if (CountedCalls.buildsCache(call)) {
                keepBuild(method, call, site, scratch);
                continue;
            }
            CountedCalls.Operation op = CountedCalls.operation(call);
            List<TryCatchBlockNode> enclosing =
                    op.takesFunction() ? enclosingHandlers(method, call) : List.of();
            List<Object> handlerLocals =
                    op.takesFunction() && !constructor
                            ? agreedHandlerLocals(method, enclosing, writesFrames)
                            : null;
            if (!op.takesFunction()) {
                keepCall(method, call, op, site, scratch, links);
            } else if (handlerLocals == null) {
                method.instructions.insertBefore(call, pushInt(site));
                method.instructions.set(
                        call,
                        new MethodInsnNode(
                                Opcodes.INVOKESTATIC,
                                CountedCalls.WHOLE_CALLS,
                                call.name,
                                op.wholeCallDescriptor(),
                                false));
            } else {
                keepCallWrappingItsFunction(
                        method, call, op, site, scratch, writesFrames, enclosing, handlerLocals);
            }
        }
    }

    /**
     * {@code [builder, a1..an]} before a cache build; after it {@code [cache]}, hooked: {@code
     * CacheBuilds.building(builder, site)}, the original {@code builder.build(a1..an)}, then {@code
     * CacheBuilds.built(cache, site)}.
     */
    private static void keepBuild(MethodNode method, MethodInsnNode call, int site, int scratch) {
        int operands = Type.getArgumentCount(call.desc);
        InsnList before = new InsnList();
        before.add(storeOperands(operands, scratch));
        before.add(new InsnNode(Opcodes.DUP));
        before.add(pushInt(site));
        before.add(hook("building"));
        before.add(loadOperands(operands, scratch));
        method.instructions.insertBefore(call, before);
        InsnList after = new InsnList();
        after.add(new InsnNode(Opcodes.DUP));
        after.add(pushInt(site));
        after.add(hook("built"));
        method.instructions.insert(call, after);
    }

    /**
     * {@code [cache, key, x]} before a Spring cache lookup; after it {@code [result]}, counted:
     * {@code SpringCaches.get(cache, cache.get(key[, type]))}, or for a lookup with a loader {@code
     * w = SpringCaches.loader(cache, loader)}, {@code SpringCaches.loaded(cache.get(key, w), w)}.
     * The loader's wrapper is a fresh object, so an exception needs no handler of ours.
     */
    private static void keepSpringLookup(MethodNode method, MethodInsnNode call, int scratch) {
        int operands = Type.getArgumentCount(call.desc);
        String object = "Ljava/lang/Object;";
        InsnList before = new InsnList();
        before.add(storeOperands(operands, scratch));
        InsnList after = new InsnList();
        if (call.desc.contains("Callable")) {
            int cache = scratch + operands;
            int wrapper = cache + 1;
            before.add(new VarInsnNode(Opcodes.ASTORE, cache));
            before.add(new VarInsnNode(Opcodes.ALOAD, cache));
            before.add(new VarInsnNode(Opcodes.ALOAD, scratch));
            before.add(new VarInsnNode(Opcodes.ALOAD, cache));
            before.add(new VarInsnNode(Opcodes.ALOAD, scratch + 1));
            before.add(
                    springCaches(
                            "loader",
                            "("
                                    + object
                                    + "Ljava/util/concurrent/Callable;)Ljava/util/concurrent/Callable;"));
            before.add(new InsnNode(Opcodes.DUP));
            before.add(new VarInsnNode(Opcodes.ASTORE, wrapper));
            after.add(new VarInsnNode(Opcodes.ALOAD, wrapper));
            after.add(springCaches("loaded", "(" + object + object + ")" + object));
        } else {
            before.add(new InsnNode(Opcodes.DUP));
            before.add(loadOperands(operands, scratch));
            after.add(springCaches("get", "(" + object + object + ")" + object));
        }
        Type returned = Type.getReturnType(call.desc);
        if (!returned.getDescriptor().equals(object)) {
            after.add(new TypeInsnNode(Opcodes.CHECKCAST, returned.getInternalName()));
        }
        method.instructions.insertBefore(call, before);
        method.instructions.insert(call, after);
    }

    private static MethodInsnNode springCaches(String name, String descriptor) {
        return new MethodInsnNode(
                Opcodes.INVOKESTATIC, CountedCalls.SPRING_CACHES, name, descriptor, false);
    }

    /** Stores a call's {@code operands} operands (on top of the stack) in {@code scratch} and up. */
    private static InsnList storeOperands(int operands, int scratch) {
        InsnList store = new InsnList();
        for (int a = operands - 1; a >= 0; a--) {
            store.add(new VarInsnNode(Opcodes.ASTORE, scratch + a));
        }
        return store;
    }

    /** Loads the first {@code count} operands {@link #storeOperands} stored, in their order. */
    private static InsnList loadOperands(int count, int scratch) {
        InsnList load = new InsnList();
        for (int a = 0; a < count; a++) {
            load.add(new VarInsnNode(Opcodes.ALOAD, scratch + a));
        }
        return load;
    }

    private static MethodInsnNode hook(String name) {
        return new MethodInsnNode(
                Opcodes.INVOKESTATIC,
                CountedCalls.CACHE_BUILDS,
                name,
                "(Ljava/lang/Object;I)V",
                false);
    }

    /**
     * {@code [receiver, a1..an]} before the call; after it {@code [result]}, counted: {@code
     * CallResults.op(receiver, receiver.op(a1..an), [a_default,] site)}.
     */
    private static void keepCall(
            MethodNode method,
            MethodInsnNode call,
            CountedCalls.Operation op,
            int site,
            int scratch,
            boolean links) {
        int operands = Type.getArgumentCount(call.desc);
        InsnList before = new InsnList();
        before.add(storeOperands(operands, scratch));
        before.add(new InsnNode(Opcodes.DUP));
        before.add(loadOperands(operands, scratch));
        method.instructions.insertBefore(call, before);
        InsnList after = new InsnList();
        if (op.keepsArgument() >= 0) {
            after.add(new VarInsnNode(Opcodes.ALOAD, scratch + op.keepsArgument()));
        }
        if (links) {
            after.add(new InvokeDynamicInsnNode(op.count(), linkDescriptor(op), LINK, site));
        } else {
            after.add(pushInt(site));
            after.add(
                    new MethodInsnNode(
                            Opcodes.INVOKESTATIC,
                            CountedCalls.RESULTS,
                            op.count(),
                            op.countDescriptor(),
                            false));
        }
        method.instructions.insert(call, after);
    }

    /** {@code op.countDescriptor()} without its trailing site id: the site's own in {@link #LINK}. */
    private static String linkDescriptor(CountedCalls.Operation op) {
        String counting = op.countDescriptor();
        int close = counting.indexOf(')');
        return counting.substring(0, close - 1) + counting.substring(close);
    }

    /**
     * {@code [receiver, a1..an, f]} before the call; after it {@code [result]}, counted: {@code w =
     * MapFunctions.wrap(receiver, f, site)}, then {@code MapFunctions.count(receiver.op(a1..an, w), w)},
     * with a handler around the call alone that calls {@code MapFunctions.abandon(w)} and rethrows.
     */
    private static void keepCallWrappingItsFunction(
            MethodNode method,
            MethodInsnNode call,
            CountedCalls.Operation op,
            int site,
            int scratch,
            boolean writesFrames,
            List<TryCatchBlockNode> enclosing,
            List<Object> handlerLocals) {
        int operands = Type.getArgumentCount(call.desc);
        int receiver = scratch + operands;
        int wrapper = receiver + 1;
        InsnList before = new InsnList();
        before.add(storeOperands(operands, scratch));
        before.add(new VarInsnNode(Opcodes.ASTORE, receiver));
        before.add(new VarInsnNode(Opcodes.ALOAD, receiver));
        before.add(loadOperands(operands - 1, scratch));
        before.add(new VarInsnNode(Opcodes.ALOAD, receiver));
        before.add(new VarInsnNode(Opcodes.ALOAD, scratch + operands - 1));
        before.add(pushInt(site));
        before.add(
                new MethodInsnNode(
                        Opcodes.INVOKESTATIC,
                        CountedCalls.FUNCTIONS,
                        op.wrap(),
                        op.wrapDescriptor(),
                        false));
        before.add(new InsnNode(Opcodes.DUP));
        before.add(new VarInsnNode(Opcodes.ASTORE, wrapper));
        LabelNode start = new LabelNode();
        before.add(start);
        method.instructions.insertBefore(call, before);

        LabelNode end = new LabelNode();
        InsnList after = new InsnList();
        after.add(end);
        after.add(new VarInsnNode(Opcodes.ALOAD, wrapper));
        after.add(
                new MethodInsnNode(
                        Opcodes.INVOKESTATIC,
                        CountedCalls.FUNCTIONS,
                        op.count(),
                        op.countDescriptor(),
                        false));
        method.instructions.insert(call, after);

        LabelNode handler = new LabelNode();
        LabelNode handlerEnd = new LabelNode();
        InsnList rethrow = new InsnList();
        rethrow.add(handler);
        if (writesFrames) {
            List<Object> locals = new ArrayList<>(handlerLocals);
            int slots = slots(locals);
            while (slots++ < wrapper) {
                locals.add(Opcodes.TOP);
            }
            locals.add("java/lang/Object");
            rethrow.add(
                    new FrameNode(
                            Opcodes.F_NEW,
                            locals.size(),
                            locals.toArray(),
                            1,
                            new Object[] {"java/lang/Throwable"}));
        }
        rethrow.add(new VarInsnNode(Opcodes.ALOAD, wrapper));
        rethrow.add(
                new MethodInsnNode(
                        Opcodes.INVOKESTATIC,
                        CountedCalls.FUNCTIONS,
                        "abandon",
                        "(Ljava/lang/Object;)V",
                        false));
        rethrow.add(new InsnNode(Opcodes.ATHROW));
        rethrow.add(handlerEnd);
        method.instructions.add(rethrow);
        // Ours first in the table: the innermost handler of the call, before any of the method's
        // own.
        method.tryCatchBlocks.add(0, new TryCatchBlockNode(start, end, handler, null));
        // The rethrow reaches the handlers that enclosed the call, in their order.
        for (TryCatchBlockNode outer : enclosing) {
            method.tryCatchBlocks.add(
                    new TryCatchBlockNode(handler, handlerEnd, outer.handler, outer.type));
        }
    }

    /**
     * The locals our handler's frame declares before the wrapper's: those the method's handlers
     * around the call (which the rethrow must reach) all expect, none when there is no such handler
     * or the class file has no frames; null when they differ (telling which locals fit all of them
     * would need the class hierarchy), and the call then goes through the whole-call helper.
     */
    private static List<Object> agreedHandlerLocals(
            MethodNode method, List<TryCatchBlockNode> enclosing, boolean writesFrames) {
        if (!writesFrames || enclosing.isEmpty()) {
            return List.of();
        }
        List<Object> agreed = handlerLocals(method, enclosing.get(0));
        for (TryCatchBlockNode outer : enclosing) {
            List<Object> locals = handlerLocals(method, outer);
            if (locals == null || !locals.equals(agreed)) {
                return null;
            }
        }
        return agreed;
    }

    /** The method's exception table entries whose range holds {@code call}, in table order. */
    private static List<TryCatchBlockNode> enclosingHandlers(
            MethodNode method, MethodInsnNode call) {
        int at = method.instructions.indexOf(call);
        List<TryCatchBlockNode> enclosing = new ArrayList<>();
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            if (method.instructions.indexOf(block.start) <= at
                    && at < method.instructions.indexOf(block.end)) {
                enclosing.add(block);
            }
        }
        return enclosing;
    }

    /** The locals of the (expanded) frame at {@code block}'s handler, or null when it has none. */
    private static List<Object> handlerLocals(MethodNode method, TryCatchBlockNode block) {
        for (AbstractInsnNode at = block.handler; at != null; at = at.getNext()) {
            if (at instanceof FrameNode frame) {
                return frame.local == null ? new ArrayList<>() : new ArrayList<>(frame.local);
            }
            if (at.getOpcode() >= 0) {
                return null; // an instruction before any frame
            }
        }
        return null;
    }

    /** The local variable slots that frame entries take: two for a long or a double. */
    private static int slots(List<Object> locals) {
        int slots = 0;
        for (Object local : locals) {
            slots += local == Opcodes.LONG || local == Opcodes.DOUBLE ? 2 : 1;
        }
        return slots;
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
