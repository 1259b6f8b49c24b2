package io.convoc.localcloud;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project is: its root (template.yaml, events/) and infra/ (the npm-installed emulators). */
public final class Paths {
    private Paths() {
    }

    public static Path root() {
        String configured = System.getProperty("convoc.root.dir", System.getenv("CONVOC_ROOT_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("infra"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the project root (template.yaml); set -Dconvoc.root.dir");
    }

    public static Path infra() {
        return root().resolve("infra");
    }

    public static Path events() {
        return root().resolve("events");
    }

    /** An npm-installed file under infra/node_modules, with the command that installs it when missing. */
    public static Path npm(String relative) {
        Path p = infra().resolve("node_modules").resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: run `npm ci --prefix " + infra() + "` first");
        }
        return p;
    }
}
