package io.convoc.localcloud;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The AWS APIs convoc uses, run on this machine by open-source emulators, with the resources of
 * template.yaml created in them. Production code is pointed at them the way the AWS SDK is pointed at
 * any endpoint (service-specific endpoint URLs, credentials and region as system properties), and each
 * function's environment variables are resolved from the template as CloudFormation would.
 */
public final class LocalCloud implements AutoCloseable {
    public static final String REGION = "eu-west-3";
    public static final String ACCOUNT = "000000000000";

    private final Template template;
    private final Path workDir;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final Map<String, String> physicalIds = new LinkedHashMap<>();
    private DynamoDbClient dynamo;

    private LocalCloud(Template template, Path workDir) {
        this.template = template;
        this.workDir = workDir;
    }

    /**
     * Starts the emulators and creates the template's resources.
     *
     * @param dataDir where to persist data between runs, or null to keep everything in memory (tests)
     */
    public static LocalCloud start(Template template, Path dataDir) {
        Path work = dataDir != null ? dataDir : tempDir();
        LocalCloud cloud = new LocalCloud(template, work);
        try {
            cloud.startDynamo(dataDir != null ? dataDir.resolve("dynamodb.sqlite") : null);
            cloud.exportSettings();
            return cloud;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    private void startDynamo(Path dbFile) {
        Path binary = Paths.npm("@dynoxide/linux-x64/dynoxide");
        int port = Emulator.freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "serve", "--port", String.valueOf(port)));
        if (dbFile != null) {
            command.addAll(List.of("--db-path", dbFile.toString()));
        }
        Emulator emulator = Emulator.start("DynamoDB (dynoxide)", command, port, workDir.resolve("dynoxide.log"));
        running.add(emulator);
        endpoints.put("dynamodb", emulator.endpoint());
        System.setProperty("aws.endpointUrlDynamoDb", emulator.endpoint());
        dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(emulator.endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        running.add(dynamo);
        physicalIds.putAll(Tables.create(dynamo, template));
    }

    /** What the AWS SDK reads, set so that every client built in this JVM reaches the emulators. */
    private void exportSettings() {
        System.setProperty("aws.region", REGION);
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        functionEnvironment().forEach(System::setProperty);
    }

    /**
     * The environment variables of every function in the template, resolved against the local resources.
     * Functions share resources, so a variable has one value across functions; a clash is a template bug.
     */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(fn ->
                template.environmentOf(fn).forEach((name, value) -> {
                    String resolved = resolve(value);
                    String previous = env.putIfAbsent(name, resolved);
                    if (previous != null && !previous.equals(resolved)) {
                        throw new IllegalStateException("environment variable " + name + " differs between functions");
                    }
                }));
        return env;
    }

    /** Resolves an intrinsic function the way CloudFormation would, against the local resources. */
    public String resolve(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            String fn = (String) e.getKey();
            switch (fn) {
                case "Ref":
                    return ref((String) e.getValue());
                case "Fn::GetAtt":
                    List<Object> parts = Template.list(e.getValue());
                    return getAtt((String) parts.get(0), (String) parts.get(1));
                case "Fn::Sub":
                    return sub(e.getValue());
                default:
                    throw new IllegalArgumentException("the local cloud cannot resolve " + fn);
            }
        }
        return Objects.toString(value, "");
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::StackName":
                return "convoc-local";
            case "AWS::Partition":
                return "aws";
            default:
                break;
        }
        String physical = physicalIds.get(name);
        if (physical != null) {
            return physical;
        }
        Map<String, Object> parameter = Template.map(Template.map(template.root().get("Parameters")).get(name));
        if (!parameter.isEmpty()) {
            return Objects.toString(parameter.get("Default"), "");
        }
        if (template.resources().containsKey(name)) {
            return name;
        }
        throw new IllegalArgumentException("!Ref " + name + ": no such resource or parameter");
    }

    private String getAtt(String resource, String attribute) {
        Template.Resource r = template.resources().get(resource);
        if (r == null) {
            throw new IllegalArgumentException("!GetAtt " + resource + ": no such resource");
        }
        String service = r.type().split("::")[1].toLowerCase(java.util.Locale.ROOT);
        return switch (attribute) {
            case "Arn" -> "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + ref(resource);
            case "QueueName" -> ref(resource);
            default -> "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + ref(resource) + "/" + attribute;
        };
    }

    private String sub(Object spec) {
        String text;
        Map<String, Object> vars = Map.of();
        if (spec instanceof List<?> l) {
            text = (String) l.get(0);
            vars = Template.map(l.get(1));
        } else {
            text = (String) spec;
        }
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (vars.containsKey(name)) {
                value = resolve(vars.get(name));
            } else if (name.contains(".")) {
                String[] p = name.split("\\.", 2);
                value = getAtt(p[0], p[1]);
            } else {
                value = ref(name);
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public Template template() {
        return template;
    }

    /** Service name → endpoint URL of its emulator. */
    public Map<String, String> endpoints() {
        return Map.copyOf(endpoints);
    }

    public String tableName(String logicalId) {
        return Objects.requireNonNull(physicalIds.get(logicalId), logicalId);
    }

    public Path workDir() {
        return workDir;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("convoc-local-cloud");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception ignored) {
                // best effort: the rest must still stop
            }
        }
        running.clear();
    }
}
