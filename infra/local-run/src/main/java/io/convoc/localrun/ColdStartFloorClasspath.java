package io.convoc.localrun;

import io.convoc.localcloud.Paths;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The class path of {@link ColdStartBenchmark}'s floor: no jar of convoc's, only the runtime stack every function
 * shares, at the versions the functions get from the same parent (convoc's pom, on micronaut-parent):
 * micronaut-function-aws, micronaut-aws-lambda-events-serde, micronaut-serde-jackson and slf4j-simple, with their
 * dependencies. Maven resolves it (offline first) from a pom written to {@code infra/local-run/target/cold-start-floor}
 * whose parent is convoc's root pom; the result is kept there while the pom is unchanged.
 */
final class ColdStartFloorClasspath {
    private ColdStartFloorClasspath() {
    }

    static final String[][] DEPENDENCIES = {
            {"io.micronaut.aws", "micronaut-function-aws"},
            {"io.micronaut.aws", "micronaut-aws-lambda-events-serde"},
            {"io.micronaut.serde", "micronaut-serde-jackson"},
            {"org.slf4j", "slf4j-simple"},
    };

    /**
     * The second reference's ({@link ColdStartComponentsHandler}): the floor's stack with the components every
     * function uses in place of slf4j-simple: the SDK's DynamoDB client on the JDK's HTTP client, Powertools logging
     * (log4j2) and metrics, at the functions' versions.
     */
    static final String[][] COMPONENTS = {
            {"io.micronaut.aws", "micronaut-function-aws"},
            {"io.micronaut.aws", "micronaut-aws-lambda-events-serde"},
            {"io.micronaut.serde", "micronaut-serde-jackson"},
            {"software.amazon.awssdk", "dynamodb", "netty-nio-client,apache-client"},
            {"software.amazon.awssdk", "url-connection-client"},
            {"software.amazon.lambda", "powertools-logging-log4j"},
            {"software.amazon.lambda", "powertools-metrics"},
    };

    static List<String> resolve(PrintStream log) throws IOException {
        return resolve(log, "cold-start-floor", DEPENDENCIES);
    }

    static List<String> resolve(PrintStream log, String name, String[][] dependencies) throws IOException {
        Path root = Paths.root();
        Path dir = root.resolve("infra/local-run/target/" + name);
        Files.createDirectories(dir);
        Path pom = dir.resolve("pom.xml");
        Path out = dir.resolve("classpath.txt");
        String text = pom(root, dir, name, dependencies);
        boolean same = Files.exists(pom) && Files.readString(pom).equals(text);
        if (!same) {
            Files.writeString(pom, text);
            Files.deleteIfExists(out);
        }
        if (!Files.exists(out) || Files.readString(out).isBlank()) {
            log.println("resolving the floor's class path (Maven, " + pom + ")");
            if (!maven(pom, out, true) && !maven(pom, out, false)) {
                throw new IllegalStateException("Maven could not resolve the floor's class path (" + pom + "): see "
                        + dir.resolve("maven.log"));
            }
        }
        List<String> classpath = new ArrayList<>(Arrays.stream(Files.readString(out).strip()
                .split(Pattern.quote(File.pathSeparator))).filter(s -> !s.isBlank()).toList());
        for (String entry : classpath) {
            if (!Files.exists(Path.of(entry))) {
                Files.deleteIfExists(out);
                throw new IllegalStateException("floor class path entry missing: " + entry + " (run again)");
            }
        }
        return classpath;
    }

    private static boolean maven(Path pom, Path out, boolean offline) throws IOException {
        List<String> command = new ArrayList<>(List.of("mvn", "-q", "-B"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(List.of("-f", pom.toString(), "dependency:build-classpath",
                "-Dmdep.outputFile=" + out, "-Dmdep.includeScope=runtime"));
        Path mavenLog = pom.resolveSibling("maven.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(mavenLog.toFile()).start();
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0 && Files.exists(out);
    }

    /** A pom on convoc's root pom, with the floor's dependencies (versions from the parent's management). */
    static String pom(Path root, Path dir) throws IOException {
        return pom(root, dir, "cold-start-floor", DEPENDENCIES);
    }

    static String pom(Path root, Path dir, String name, String[][] dependencies) throws IOException {
        String rootPom = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<groupId>io\\.convoc</groupId>\\s*<artifactId>convoc</artifactId>\\s*"
                + "<version>([^<]+)</version>").matcher(rootPom);
        if (!m.find()) {
            throw new IllegalStateException("no io.convoc:convoc version in " + root.resolve("pom.xml"));
        }
        StringBuilder deps = new StringBuilder();
        for (String[] d : dependencies) {
            deps.append("    <dependency><groupId>").append(d[0]).append("</groupId><artifactId>").append(d[1])
                    .append("</artifactId>");
            if (d.length > 2) {
                deps.append("<exclusions>");
                for (String excluded : d[2].split(",")) {
                    deps.append("<exclusion><groupId>").append(d[0]).append("</groupId><artifactId>").append(excluded)
                            .append("</artifactId></exclusion>");
                }
                deps.append("</exclusions>");
            }
            deps.append("</dependency>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- written by ColdStartFloorClasspath: the cold-start benchmark's floor (do not edit) -->
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>io.convoc</groupId>
                    <artifactId>convoc</artifactId>
                    <version>%s</version>
                    <relativePath>%s</relativePath>
                  </parent>
                  <artifactId>convoc-%s</artifactId>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(m.group(1), dir.relativize(root.resolve("pom.xml")), name, deps);
    }
}
