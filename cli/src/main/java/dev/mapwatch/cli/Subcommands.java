package dev.mapwatch.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The one place listing {@code mapwatch}'s subcommands: adding a command is one line here.
 * Each entry is a Picocli {@code @Command} class with a public no-argument constructor, or a
 * command object built with what it needs.
 */
final class Subcommands {

    private Subcommands() {}

    /** In the order {@code mapwatch --help} lists them. */
    static List<Object> all() {
        return List.of(
                dev.mapwatch.cli.attach.AttachCommand.class,
                dev.mapwatch.cli.bench.BenchCommand.class,
                dev.mapwatch.cli.demo.DemoCommand.class,
                dev.mapwatch.report.ReportCommand.class,
                dev.mapwatch.bpf.BpfCommand.class,
                dev.mapwatch.top.TopCommand.withConnector(
                        new dev.mapwatch.cli.attach.AttachConnector()),
                CommandLine.HelpCommand.class);
    }
}
