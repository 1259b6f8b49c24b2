package io.convoc.localcloud;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAM template, read as CloudFormation reads it: short-form intrinsics ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}…) become their long forms ({@code Ref}, {@code Fn::GetAtt}…). The local cloud builds its
 * tables, queues and event-source mappings from it, so the template is the one source of truth.
 */
public final class Template {
    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's own template.yaml. */
    public static Template project() {
        return read(Paths.root().resolve("template.yaml"));
    }

    @SuppressWarnings("unchecked")
    public static Template parse(String yaml) {
        Yaml parser = new Yaml(new IntrinsicConstructor());
        return new Template((Map<String, Object>) parser.load(yaml));
    }

    public Map<String, Object> root() {
        return root;
    }

    /** Logical id → resource, in template order. */
    public Map<String, Resource> resources() {
        Map<String, Resource> out = new LinkedHashMap<>();
        map(root.get("Resources")).forEach((id, r) -> {
            Map<String, Object> m = map(r);
            out.put(id, new Resource(id, (String) m.get("Type"), map(m.get("Properties"))));
        });
        return out;
    }

    public Map<String, Resource> resourcesOfType(String type) {
        Map<String, Resource> out = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (type.equals(r.type())) {
                out.put(id, r);
            }
        });
        return out;
    }

    /** Globals.Function, merged under each function's own properties by {@link #function(String)}. */
    public Map<String, Object> functionGlobals() {
        return map(map(root.get("Globals")).get("Function"));
    }

    /** A function's properties with the Globals applied (environment variables merged, the function's own win). */
    public Map<String, Object> function(String logicalId) {
        Resource r = resources().get(logicalId);
        if (r == null || !"AWS::Serverless::Function".equals(r.type())) {
            throw new IllegalArgumentException("no function " + logicalId + " in template");
        }
        Map<String, Object> merged = new LinkedHashMap<>(functionGlobals());
        merged.putAll(r.properties());
        Map<String, Object> variables = new LinkedHashMap<>(environment(functionGlobals()));
        variables.putAll(environment(r.properties()));
        merged.put("Environment", Map.of("Variables", variables));
        return merged;
    }

    /** The function's environment variables, unresolved (values may be intrinsics). */
    public Map<String, Object> environmentOf(String logicalId) {
        return environment(function(logicalId));
    }

    private static Map<String, Object> environment(Map<String, Object> properties) {
        return map(map(properties.get("Environment")).get("Variables"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public record Resource(String logicalId, String type, Map<String, Object> properties) {
    }

    /** Maps CloudFormation's short-form tags to the long forms, whatever the node kind. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select",
                    "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString", "Length")) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new Intrinsic("Fn::GetAtt"));
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode s) {
                    String text = constructScalar(s);
                    // !GetAtt Resource.Attribute is the short form of [Resource, Attribute]
                    value = name.equals("Fn::GetAtt") ? Arrays.asList(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode s) {
                    value = constructSequence(s);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(name, value);
            }
        }
    }
}
