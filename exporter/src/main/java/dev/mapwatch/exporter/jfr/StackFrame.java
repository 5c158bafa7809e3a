package dev.mapwatch.exporter.jfr;

import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * One frame of a recorded stack, as {@link MapAttribution} reads it: the class (binary name,
 * dots), method name and descriptor, and source line (-1 when unknown).
 *
 * @param type       the frame's class, binary name with dots
 * @param method     the method's name
 * @param descriptor the method's descriptor
 * @param line       the source line, -1 when unknown
 */
public record StackFrame(String type, String method, String descriptor, int line) {

    /** The frames of {@code stack}, top first; empty for no stack. */
    public static List<StackFrame> of(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<RecordedFrame> recorded = stack.getFrames();
        List<StackFrame> frames = new ArrayList<>(recorded.size());
        for (RecordedFrame frame : recorded) {
            RecordedMethod method = frame.getMethod();
            if (method == null || method.getType() == null) {
                frames.add(new StackFrame("", "", "", -1));
                continue;
            }
            frames.add(
                    new StackFrame(
                            method.getType().getName(),
                            method.getName(),
                            method.getDescriptor(),
                            frame.getLineNumber()));
        }
        return frames;
    }
}
