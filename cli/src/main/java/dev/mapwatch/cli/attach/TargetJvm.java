package dev.mapwatch.cli.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.mapwatch.cli.CommandFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process that {@code attach} is asked to load the agent into, checked before anything is sent
 * to it: HotSpot's attach protocol signals the target with SIGQUIT, which would kill a process
 * that is not a JVM, so a process is only attached to once it is known to be one.
 */
final class TargetJvm {

    private final long pid;

    private TargetJvm(long pid) {
        this.pid = pid;
    }

    /**
     * Checks that {@code pid} is a JVM this user may attach to.
     *
     * @throws CommandFailure with {@link AttachCommand#NO_SUCH_PROCESS}, {@link AttachCommand#NOT_A_JVM}
     *                        or {@link AttachCommand#OTHER_USER}
     */
    static TargetJvm check(long pid) {
        ProcessHandle process =
                ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .orElseThrow(
                                () ->
                                        new CommandFailure(
                                                AttachCommand.NO_SUCH_PROCESS,
                                                "no process with pid " + pid));
        String me = System.getProperty("user.name");
        Optional<String> owner = process.info().user();
        if (owner.isPresent() && !owner.get().equals(me) && !"root".equals(me)) {
            throw new CommandFailure(
                    AttachCommand.OTHER_USER,
                    "process "
                            + pid
                            + " runs as user '"
                            + owner.get()
                            + "' and mapwatch as '"
                            + me
                            + "'; the JVM only accepts its own user: run mapwatch as '"
                            + owner.get()
                            + "' (e.g. sudo -u "
                            + owner.get()
                            + " java -jar mapwatch-agent.jar attach "
                            + pid
                            + ")");
        }
        if (!isJvm(pid)) {
            String command = process.info().command().map(c -> " (" + c + ")").orElse("");
            throw new CommandFailure(
                    AttachCommand.NOT_A_JVM,
                    "process "
                            + pid
                            + command
                            + " is not a JVM; mapwatch attaches to Java processes only (see jps or jcmd -l)");
        }
        return new TargetJvm(pid);
    }

    /** Listed by the attach providers (hsperfdata), or, with -XX:-UsePerfData, mapping libjvm. */
    private static boolean isJvm(long pid) {
        String id = Long.toString(pid);
        for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
            if (vm.id().equals(id)) {
                return true;
            }
        }
        Path maps = Path.of("/proc", id, "maps");
        try (var lines = Files.lines(maps)) {
            return lines.anyMatch(line -> line.endsWith("/libjvm.so"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    long pid() {
        return pid;
    }
}
