package dev.mapwatch.agent.it;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An application with its own picocli (an older version than the agent's, on its classpath):
 * it parses its arguments with it, prints the picocli version it really runs with, then runs the
 * {@link Workload} protocol, so the test can check both sides at once.
 */
@Command(name = "picocli-app")
public final class PicocliApp implements Callable<Integer> {

    @Option(names = "--greeting")
    String greeting = "none";

    public static void main(String[] args) throws Exception {
        int code = new CommandLine(new PicocliApp()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
        Workload.main(new String[0]);
    }

    @Override
    public Integer call() throws Exception {
        // Read at run time: CommandLine.VERSION is a constant the compiler would inline.
        Object version = CommandLine.class.getField("VERSION").get(null);
        System.out.println("app picocli " + version + " greeting " + greeting);
        return 0;
    }
}
