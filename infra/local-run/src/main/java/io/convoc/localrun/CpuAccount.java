package io.convoc.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used by this JVM and each emulator it started (its descendant processes), read from {@code /proc}
 * (Linux): what a measured phase cost each of them, whatever else the machine was doing meanwhile. Processes are
 * named by what they run (the JVM: "jvm (functions, SQS, S3)", node and native emulators by their program).
 */
final class CpuAccount {
    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuAccount() {
    }

    /** CPU milliseconds used so far, by process name (processes of the same name added up). */
    static Map<String, Long> now() {
        Map<String, Long> used = new TreeMap<>();
        add(used, "jvm (functions, SQS, S3)", ProcessHandle.current().pid());
        ProcessHandle.current().descendants().forEach(p -> add(used, name(p), p.pid()));
        return used;
    }

    /** What each process used between two readings, in CPU milliseconds. */
    static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> used = new TreeMap<>();
        after.forEach((name, ms) -> used.put(name, ms - before.getOrDefault(name, 0L)));
        return used;
    }

    /** A line per process: CPU ms per item over {@code items}, and the whole. */
    static String perItem(Map<String, Long> used, int items, String item) {
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> e : used.entrySet()) {
            sb.append(String.format("    %-28s %8.2f CPU ms per %s%n", e.getKey(), e.getValue() / (double) items, item));
            total += e.getValue();
        }
        sb.append(String.format("    %-28s %8.2f CPU ms per %s (2 cores: at most %.0f %ss/s)%n", "all", total
                / (double) items, item, 2000.0 * items / Math.max(1, total), item));
        return sb.toString();
    }

    private static String name(ProcessHandle p) {
        String command = p.info().commandLine().orElse(p.info().command().orElse("pid " + p.pid()));
        if (command.contains("dynoxide")) {
            return "dynoxide (DynamoDB)";
        }
        if (command.contains("aws-ses-v2-local")) {
            return "aws-ses-v2-local (SES)";
        }
        return command.length() > 28 ? command.substring(0, 28) : command;
    }

    private static void add(Map<String, Long> used, String name, long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name (in parentheses, which may hold spaces): utime is the 14th, stime 15th
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            used.merge(name, Math.round(ticks * 1000 / TICKS_PER_SECOND), Long::sum);
        } catch (IOException | RuntimeException e) {
            // gone meanwhile, or no /proc: left out
        }
    }
}
