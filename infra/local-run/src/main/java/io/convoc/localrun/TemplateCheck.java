package io.convoc.localrun;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.convoc.localcloud.Template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Checks that template.yaml and the code agree: every function's handler class exists and is a Lambda
 * handler, its CodeUri is the jar its module builds, every environment variable its code reads is set,
 * and every reference names something the template declares.
 */
public final class TemplateCheck {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    private static final Pattern GETENV = Pattern.compile("System\\.getenv\\(\"([A-Z][A-Z0-9_]*)\"\\)");
    private static final Pattern CODE_URI = Pattern.compile("^functions/([a-z0-9-]+)/target/([A-Za-z0-9_.-]+)-lambda\\.jar$");
    private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([^<]+)</finalName>");
    private static final Pattern CONVOC_DEPENDENCY = Pattern.compile("<artifactId>convoc-([a-z0-9-]+)</artifactId>");
    private static final Set<String> PSEUDO = Set.of("AWS::Region", "AWS::AccountId", "AWS::StackName",
            "AWS::Partition", "AWS::NoValue", "AWS::URLSuffix", "AWS::StackId");

    private final Template template;
    private final Path root;

    public TemplateCheck(Template template, Path root) {
        this.template = template;
        this.root = root;
    }

    /** Every problem found; empty when the template and the code agree. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(fn -> checkFunction(fn, problems));
        checkReferences(template.root().get("Resources"), problems);
        checkAlarms(problems);
        checkLogGroups(problems);
        return problems;
    }

    /**
     * Every function has its log group in the template (`/aws/lambda/${Function}`, with a retention: cfn-guard checks
     * that), or Lambda creates one that keeps logs forever and that no metric filter reads.
     */
    private void checkLogGroups(List<String> problems) {
        java.util.Set<String> logged = new java.util.HashSet<>();
        template.resourcesOfType("AWS::Logs::LogGroup").values().forEach(group -> {
            Object name = group.properties().get("LogGroupName");
            Object sub = Template.map(name).get("Fn::Sub");
            Matcher m = Pattern.compile("^/aws/lambda/\\$\\{(\\w+)}$").matcher(String.valueOf(sub));
            if (m.matches()) {
                logged.add(m.group(1));
            }
        });
        template.resourcesOfType("AWS::Serverless::Function").keySet().stream()
                .filter(fn -> !logged.contains(fn))
                .forEach(fn -> problems.add(fn + ": no log group /aws/lambda/${" + fn + "} with a retention"));
    }

    /**
     * Nothing fails unseen: every function has an alarm on its {@code Errors}, and every dead-letter queue (a queue a
     * redrive policy names) an alarm on what it holds, each alarm publishing to a topic.
     */
    private void checkAlarms(List<String> problems) {
        Map<String, Template.Resource> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        java.util.Set<String> errorsWatched = new java.util.HashSet<>();
        java.util.Set<String> queuesWatched = new java.util.HashSet<>();
        alarms.forEach((id, alarm) -> {
            Map<String, Object> p = alarm.properties();
            if (Template.list(p.get("AlarmActions")).isEmpty()) {
                problems.add(id + ": an alarm that notifies no one (no AlarmActions)");
            }
            for (Object d : Template.list(p.get("Dimensions"))) {
                Map<String, Object> dimension = Template.map(d);
                Object value = dimension.get("Value");
                Object ref = Template.map(value).get("Ref");
                Object getAtt = Template.map(value).get("Fn::GetAtt");
                if ("FunctionName".equals(dimension.get("Name")) && "Errors".equals(p.get("MetricName")) && ref != null) {
                    errorsWatched.add(String.valueOf(ref));
                }
                if ("QueueName".equals(dimension.get("Name")) && getAtt != null) {
                    queuesWatched.add(String.valueOf(Template.list(getAtt).get(0)));
                }
            }
        });
        template.resourcesOfType("AWS::Serverless::Function").keySet().stream()
                .filter(fn -> !errorsWatched.contains(fn))
                .forEach(fn -> problems.add(fn + ": no alarm on its Errors"));
        template.resourcesOfType("AWS::SQS::Queue").forEach((id, queue) -> {
            Object target = Template.map(Template.map(queue.properties().get("RedrivePolicy"))
                    .get("deadLetterTargetArn")).get("Fn::GetAtt");
            if (target != null) {
                String dlq = String.valueOf(Template.list(target).get(0));
                if (!queuesWatched.contains(dlq)) {
                    problems.add(dlq + ": a dead-letter queue (of " + id + ") no alarm watches");
                }
            }
        });
    }

    private void checkFunction(String fn, List<String> problems) {
        Map<String, Object> f = template.function(fn);
        String handler = (String) f.get("Handler");
        String className = handler == null ? null : handler.split("::")[0];
        boolean classFound = false;
        if (className == null) {
            problems.add(fn + ": no Handler");
        } else {
            try {
                Class<?> type = Class.forName(className, false, getClass().getClassLoader());
                classFound = true;
                if (!RequestHandler.class.isAssignableFrom(type) && !RequestStreamHandler.class.isAssignableFrom(type)) {
                    problems.add(fn + ": handler " + className + " is not a Lambda RequestHandler");
                }
            } catch (ClassNotFoundException e) {
                problems.add(fn + ": handler class " + className + " does not exist");
            }
        }
        String codeUri = String.valueOf(f.get("CodeUri"));
        Matcher m = CODE_URI.matcher(codeUri);
        if (!m.matches()) {
            problems.add(fn + ": CodeUri " + codeUri + " is not functions/<module>/target/<finalName>-lambda.jar");
            return;
        }
        Path module = root.resolve("functions").resolve(m.group(1));
        String pom = read(module.resolve("pom.xml"));
        if (pom == null) {
            problems.add(fn + ": CodeUri names module functions/" + m.group(1) + ", which does not exist");
            return;
        }
        Matcher finalName = FINAL_NAME.matcher(pom);
        if (!finalName.find() || !finalName.group(1).equals(m.group(2))) {
            problems.add(fn + ": CodeUri " + codeUri + " is not the jar functions/" + m.group(1) + " builds");
        } else if (!pom.contains("<artifactId>micronaut-maven-plugin</artifactId>")) {
            problems.add(fn + ": functions/" + m.group(1) + " does not build a Lambda jar (micronaut-maven-plugin)");
        }
        Path jar = root.resolve(codeUri);
        if (classFound && Files.exists(jar)) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                if (zip.getEntry(className.replace('.', '/') + ".class") == null) {
                    problems.add(fn + ": " + codeUri + " does not contain " + className);
                }
            } catch (IOException e) {
                problems.add(fn + ": " + codeUri + " is not a readable jar");
            }
        }
        template.environmentOf(fn).forEach((variable, value) -> {
            // a dynamic reference puts the secret's value in the function's configuration, readable by anyone who may
            // read the function: a function reads its secrets at init instead (SecretsFactory)
            if (String.valueOf(value).contains("{{resolve:secretsmanager:")) {
                problems.add(fn + ": environment variable " + variable + " holds a secret's value; give the secret's"
                        + " ARN and read it at init");
            }
        });
        Set<String> defined = template.environmentOf(fn).keySet();
        for (String variable : variablesRead(m.group(1))) {
            if (!defined.contains(variable)) {
                problems.add(fn + ": the code reads environment variable " + variable + ", which the template does not set");
            }
        }
    }

    /** Environment variables read by a function module and the convoc library modules it depends on. */
    Set<String> variablesRead(String module) {
        Set<String> variables = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(module));
        while (!todo.isEmpty()) {
            String m = todo.remove(todo.size() - 1);
            if (!seen.add(m)) {
                continue;
            }
            Path dir = root.resolve("functions").resolve(m);
            String pom = read(dir.resolve("pom.xml"));
            if (pom == null) {
                continue;
            }
            // what the function ships: its convoc dependencies that are not test-scoped
            Matcher deps = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
            while (deps.find()) {
                Matcher artifact = CONVOC_DEPENDENCY.matcher(deps.group(1));
                if (artifact.find() && !deps.group(1).contains("<scope>test</scope>")
                        && !deps.group(1).contains("<type>test-jar</type>")) {
                    todo.add(artifact.group(1));
                }
            }
            Path main = dir.resolve("src/main");
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.(java|yml|yaml|properties)$"))
                        .forEach(p -> {
                            String text = read(p);
                            for (Pattern pattern : List.of(PLACEHOLDER, GETENV)) {
                                Matcher v = pattern.matcher(text);
                                while (v.find()) {
                                    variables.add(v.group(1));
                                }
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return variables;
    }

    private void checkReferences(Object node, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.containsKey("Ref")) {
                String name = String.valueOf(map.get("Ref"));
                if (!exists(name)) {
                    problems.add("!Ref " + name + ": no such resource or parameter");
                }
            } else if (map.size() == 1 && map.containsKey("Fn::GetAtt")) {
                String name = String.valueOf(Template.list(map.get("Fn::GetAtt")).get(0));
                if (!exists(name)) {
                    problems.add("!GetAtt " + name + ": no such resource");
                }
            } else if (map.size() == 1 && map.containsKey("Fn::Sub") && map.get("Fn::Sub") instanceof String s) {
                Matcher m = Pattern.compile("\\$\\{([^}.!]+)(\\.[^}]*)?}").matcher(s);
                while (m.find()) {
                    if (!exists(m.group(1))) {
                        problems.add("!Sub ${" + m.group(1) + "}: no such resource or parameter");
                    }
                }
            }
            map.values().forEach(v -> checkReferences(v, problems));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> checkReferences(v, problems));
        }
    }

    private boolean exists(String name) {
        return PSEUDO.contains(name) || template.resources().containsKey(name)
                || Template.map(template.root().get("Parameters")).containsKey(name);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
