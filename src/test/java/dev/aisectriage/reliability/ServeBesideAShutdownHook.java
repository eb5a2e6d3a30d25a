package dev.aisectriage.reliability;

import dev.aisectriage.App;
import java.util.List;
import java.util.Map;

/**
 * {@code serve} with one more JVM shutdown hook, registered at start as ONNX Runtime registers the one that frees
 * its environment: when the JVM's shutdown hooks start, it prints which threads are classifying (inside the
 * classifier or ONNX Runtime) at that moment, in a line that begins with {@link #LINE}.
 */
public final class ServeBesideAShutdownHook {

    static final String LINE = "JVM shutdown hooks started; classifying: ";

    private ServeBesideAShutdownHook() {}

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(ServeBesideAShutdownHook::report, "onnx-like-hook"));
        App.main(args);
    }

    private static void report() {
        List<String> classifying = Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey() != Thread.currentThread())
                .filter(e -> classifying(e.getValue()))
                .map(Map.Entry::getKey)
                .map(Thread::getName)
                .sorted()
                .toList();
        System.out.println(LINE + (classifying.isEmpty() ? "none" : String.join(", ", classifying)));
        System.out.flush();
    }

    private static boolean classifying(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            if (f.getClassName().startsWith("ai.onnxruntime.")
                    || f.getClassName().startsWith("dev.aisectriage.classify.")) {
                return true;
            }
        }
        return false;
    }
}
