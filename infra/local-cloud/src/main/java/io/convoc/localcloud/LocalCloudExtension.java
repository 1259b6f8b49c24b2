package io.convoc.localcloud;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local cloud per test JVM, started before the first test that asks for it and stopped when the
 * JVM's tests are done. Tests keep to their own data (fresh ids and addresses), so they never depend
 * on each other. Use with {@code @ExtendWith(LocalCloudExtension.class)}; a {@link LocalCloud}
 * parameter is injected where declared.
 */
public final class LocalCloudExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalCloudExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        cloud(context);
    }

    public static LocalCloud cloud(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(LocalCloud.class,
                k -> new Running(LocalCloud.start(Template.project(), null)), Running.class).cloud();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cloud(context);
    }

    private record Running(LocalCloud cloud) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cloud.close();
        }
    }
}
