package io.convoc.localrun;

import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import io.convoc.localcloud.Paths;
import io.convoc.localcloud.Template;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each Lambda jar as Lambda loads it: alone on its class path, with its own environment from template.yaml and
 * no other function's. The handler must be created (its Micronaut context started, its beans injected) from the
 * jar's own classes, so that a dependency left out of a function's jar, or a variable the template does not give
 * the function, fails here rather than in AWS. Runs after {@code package} (mvn verify).
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
                        // as in AWS, the function starts with its own environment alone
                        Object instance = cloud.withEnvironmentOf(fn, () -> {
                            try {
                                return Class.forName(handler, true, loader).getDeclaredConstructor().newInstance();
                            } catch (ReflectiveOperationException e) {
                                throw new IllegalStateException(fn + " did not start with its own environment", e);
                            }
                        });
                        assertStartedFromTheJar(fn, instance, loader);
                        assertSeesOnlyItsOwnEnvironment(fn, instance, cloud);
                        if (instance instanceof AutoCloseable c) {
                            c.close();
                        }
                    } finally {
                        Thread.currentThread().setContextClassLoader(previous);
                    }
                }))
                .toList();
    }

    /** Of the variables the template sets, the function's context holds its own and no other function's. */
    private static void assertSeesOnlyItsOwnEnvironment(String fn, Object instance, LocalCloud cloud) throws Exception {
        Object context = instance.getClass().getMethod("getApplicationContext").invoke(instance);
        Method getProperty = context.getClass().getMethod("getProperty", String.class, Class.class);
        java.util.Set<String> own = cloud.template().environmentOf(fn).keySet();
        for (String variable : cloud.functionEnvironment().keySet()) {
            boolean seen = ((java.util.Optional<?>) getProperty.invoke(context, variable, String.class)).isPresent();
            assertEquals(own.contains(variable), seen, fn + (seen ? " sees " : " does not see ") + variable);
        }
    }

    /**
     * The handler's Micronaut context is running, and every bean the handler has injected was resolved, from the
     * jar's own classes: a dependency (or a bean definition) missing from the jar leaves a field null or fails the
     * context's start.
     */
    private static void assertStartedFromTheJar(String fn, Object instance, ClassLoader loader) throws Exception {
        Object context = instance.getClass().getMethod("getApplicationContext").invoke(instance);
        assertNotNull(context, fn + ": no application context");
        assertEquals(Boolean.TRUE, context.getClass().getMethod("isRunning").invoke(context), fn + ": context not running");
        Method getBean = context.getClass().getMethod("getBean", Class.class);
        int injected = 0;
        for (Class<?> type = instance.getClass(); type != null && type.getClassLoader() == loader;
             type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                boolean inject = java.util.Arrays.stream(field.getAnnotations()).anyMatch(a ->
                        a.annotationType().getName().equals("jakarta.inject.Inject"));
                if (!inject || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object bean = field.get(instance);
                assertNotNull(bean, fn + ": " + field.getName() + " not injected");
                assertTrue(bean.getClass().getClassLoader() == loader,
                        fn + ": " + field.getName() + " is not from the jar: " + bean.getClass());
                assertNotNull(getBean.invoke(context, field.getType()), fn + ": no bean " + field.getType());
                injected++;
            }
        }
        if (injected == 0) {
            // an HTTP function injects nothing itself: its controllers are the beans it needs
            for (Object definition : (java.util.Collection<?>) context.getClass().getMethod("getAllBeanDefinitions")
                    .invoke(context)) {
                Class<?> type = (Class<?>) Class.forName("io.micronaut.inject.BeanType", false, loader)
                        .getMethod("getBeanType").invoke(definition);
                boolean controller = java.util.Arrays.stream(type.getAnnotations()).anyMatch(a ->
                        a.annotationType().getName().equals("io.micronaut.http.annotation.Controller"));
                if (controller && type.getName().startsWith("io.convoc.")) {
                    Object bean = getBean.invoke(context, type);
                    assertTrue(bean.getClass().getClassLoader() == loader, fn + ": " + type + " is not from the jar");
                    injected++;
                }
            }
        }
        assertTrue(injected > 0, fn + ": no bean of the handler resolved, nothing shows its context works");
    }
}
