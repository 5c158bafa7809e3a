package dev.mapwatch.bpf.host;

/** Whether one {@link Requirement} is met here, and the evidence in words. */
public record Finding(Requirement requirement, Status status, String detail) {

    /** Met, not met, or not checked (a target-only requirement when no pid was given). */
    public enum Status {
        MET,
        UNMET,
        UNKNOWN
    }

    public static Finding met(Requirement requirement, String detail) {
        return new Finding(requirement, Status.MET, detail);
    }

    public static Finding unmet(Requirement requirement, String detail) {
        return new Finding(requirement, Status.UNMET, detail);
    }

    public static Finding unknown(Requirement requirement, String detail) {
        return new Finding(requirement, Status.UNKNOWN, detail);
    }

    /** Whether this finding stops the script from running. */
    public boolean blocks() {
        return status == Status.UNMET;
    }
}
