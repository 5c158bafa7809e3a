package dev.mapwatch.agent.it;

/**
 * An application that is done at once: the agent must not hold it up, change its exit status or
 * complain on the way out. Without arguments {@code main} just returns; with one, it exits with
 * that status.
 */
public final class QuickExit {

    private QuickExit() {}

    public static void main(String[] args) {
        System.out.println("quick exit");
        if (args.length > 0) {
            System.exit(Integer.parseInt(args[0]));
        }
    }
}
