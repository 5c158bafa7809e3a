package dev.mapwatch.agent.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The one place listing {@code mapwatch}'s subcommands: adding a command is one line here.
 * Each entry is a Picocli {@code @Command} class with a public no-argument constructor, or a
 * command object built with what it needs.
 */
final class Subcommands {

    private Subcommands() {
    }

    /** In the order {@code mapwatch --help} lists them. */
    static List<Object> all() {
        return List.of(
                dev.mapwatch.agent.attach.AttachCommand.class,
                dev.mapwatch.agent.bench.command.BenchCommand.class,
                dev.mapwatch.agent.demo.DemoCommand.class,
                dev.mapwatch.report.ReportCommand.class,
                dev.mapwatch.bpf.BpfCommand.class,
                dev.mapwatch.top.TopCommand.withConnector(new dev.mapwatch.agent.attach.AttachConnector()),
                CommandLine.HelpCommand.class);
    }
}
