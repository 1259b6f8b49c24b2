package io.convoc.localrun;

import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.Paths;
import io.convoc.localcloud.Template;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each Lambda jar as Lambda loads it: alone on its class path. The handler must be created (its
 * Micronaut context started, its beans injected) from the jar's own classes, so that a dependency left out
 * of a function's jar fails here rather than in AWS. Runs after {@code package} (mvn verify).
 */
@ExtendWith(LocalCloudExtension.class)
class LambdaJarsTest {

    @TestFactory
    List<DynamicTest> everyFunctionStartsFromItsOwnJar(LocalCloud cloud) {
        Template template = cloud.template();
        return template.resourcesOfType("AWS::Serverless::Function").keySet().stream()
                .map(fn -> DynamicTest.dynamicTest(fn, () -> {
                    var f = template.function(fn);
                    Path jar = Paths.root().resolve(String.valueOf(f.get("CodeUri")));
                    assumeTrue(Files.exists(jar), jar + " is built by mvn package");
                    String handler = String.valueOf(f.get("Handler")).split("::")[0];
                    ClassLoader previous = Thread.currentThread().getContextClassLoader();
                    try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()},
                            ClassLoader.getPlatformClassLoader())) {
                        Thread.currentThread().setContextClassLoader(loader);
                        Object instance = Class.forName(handler, true, loader).getDeclaredConstructor().newInstance();
                        assertTrue(instance.getClass().getClassLoader() == loader);
                        if (instance instanceof AutoCloseable c) {
                            c.close();
                        }
                    } finally {
                        Thread.currentThread().setContextClassLoader(previous);
                    }
                }))
                .toList();
    }
}
