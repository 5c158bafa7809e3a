package dev.mapwatch.agent.it;

/** An application that is done at once: the agent must not hold it up or complain on the way out. */
public final class QuickExit {

    private QuickExit() {
    }

    public static void main(String[] args) {
        System.out.println("quick exit");
    }
}
