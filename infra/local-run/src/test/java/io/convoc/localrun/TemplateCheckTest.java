package io.convoc.localrun;

import io.convoc.localcloud.Paths;
import io.convoc.localcloud.Template;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateCheckTest {
    private static String projectTemplate() throws Exception {
        return Files.readString(Paths.root().resolve("template.yaml"));
    }

    @Test
    void theProjectTemplateAgreesWithTheCode() {
        assertEquals(List.of(), new TemplateCheck(Template.project(), Paths.root()).problems());
    }

    @Test
    void catchesAHandlerClassThatDoesNotExist() throws Exception {
        String broken = projectTemplate().replace("Handler: io.convoc.api.ApiHandler", "Handler: io.convoc.api.NoSuchHandler");
        List<String> problems = new TemplateCheck(Template.parse(broken), Paths.root()).problems();
        assertEquals(List.of("ApiFunction: handler class io.convoc.api.NoSuchHandler does not exist"), problems);
    }

    @Test
    void catchesACodeUriThatIsNotTheJarTheModuleBuilds() throws Exception {
        String broken = projectTemplate().replace("CodeUri: functions/api/target/api-lambda.jar",
                "CodeUri: functions/api/target/convoc-api-lambda.jar");
        List<String> problems = new TemplateCheck(Template.parse(broken), Paths.root()).problems();
        assertTrue(problems.contains("ApiFunction: CodeUri functions/api/target/convoc-api-lambda.jar is not the jar "
                + "functions/api builds"), problems.toString());
    }

    @Test
    void catchesAnEnvironmentVariableTheCodeReadsButTheTemplateDoesNotSet() throws Exception {
        String broken = projectTemplate().replace("        REGISTRATION_LOOKUPS_TABLE: !Ref RegistrationLookupsTable\n", "");
        List<String> problems = new TemplateCheck(Template.parse(broken), Paths.root()).problems();
        assertTrue(problems.contains("ApiFunction: the code reads environment variable REGISTRATION_LOOKUPS_TABLE, "
                + "which the template does not set"), problems.toString());
    }

    @Test
    void catchesASecretsValuePlacedInAFunctionsEnvironment() throws Exception {
        String broken = projectTemplate().replace("        LETTER_TOKEN_SECRET: !Ref LetterTokenSecret\n",
                "        LETTER_TOKEN_SECRET: !Sub '{{resolve:secretsmanager:${LetterTokenSecret}:SecretString}}'\n");
        List<String> problems = new TemplateCheck(Template.parse(broken), Paths.root()).problems();
        assertTrue(problems.contains("EmailSenderFunction: environment variable LETTER_TOKEN_SECRET holds a secret's"
                + " value; give the secret's ARN and read it at init"), problems.toString());
    }

    @Test
    void catchesAFunctionWithoutItsLogGroup() throws Exception {
        String broken = projectTemplate().replace("LogGroupName: !Sub '/aws/lambda/${AnnouncementFanOutFunction}'",
                "LogGroupName: /aws/lambda/somewhere-else");
        List<String> problems = new TemplateCheck(Template.parse(broken), Paths.root()).problems();
        assertEquals(List.of("AnnouncementFanOutFunction: no log group /aws/lambda/${AnnouncementFanOutFunction} with"
                + " a retention"), problems);
    }

    @Test
    void catchesAReferenceToAResourceThatDoesNotExist() throws Exception {
        String broken = projectTemplate().replaceFirst("Resource: !GetAtt EventsTable.Arn", "Resource: !GetAtt EventTable.Arn");
        List<String> problems = new TemplateCheck(Template.parse(broken), Paths.root()).problems();
        assertEquals(List.of("!GetAtt EventTable: no such resource"), problems);
    }

    @Test
    void catchesAFunctionWhoseErrorsNoAlarmWatches() throws Exception {
        String broken = projectTemplate().replace("        - { Name: FunctionName, Value: !Ref EmailSenderFunction }\n",
                "        - { Name: FunctionName, Value: !Ref SmsSenderFunction }\n");
        List<String> problems = new TemplateCheck(Template.parse(broken), Paths.root()).problems();
        assertEquals(List.of("EmailSenderFunction: no alarm on its Errors"), problems);
    }

    @Test
    void catchesADeadLetterQueueNoAlarmWatches() throws Exception {
        String broken = projectTemplate().replace(
                "        - { Name: QueueName, Value: !GetAtt AnnouncementFanOutDeadLetterQueue.QueueName }\n",
                "        - { Name: QueueName, Value: !GetAtt SmsDeadLetterQueue.QueueName }\n");
        List<String> problems = new TemplateCheck(Template.parse(broken), Paths.root()).problems();
        assertEquals(List.of("AnnouncementFanOutDeadLetterQueue: a dead-letter queue (of AnnouncementFanOutQueue) no "
                + "alarm watches"), problems);
    }

    /**
     * A metric filter counts log lines: the words it looks for must be what the code of the function whose log group
     * it reads writes, or the metric (and its alarm) stays at zero whatever happens.
     */
    @Test
    void everyMetricFilterLooksForWordsItsFunctionsCodeWrites() throws Exception {
        Template template = Template.parse(projectTemplate());
        var filters = template.resourcesOfType("AWS::Logs::MetricFilter");
        assertTrue(filters.size() >= 5, filters.keySet().toString());
        filters.forEach((id, filter) -> {
            String pattern = String.valueOf(filter.properties().get("FilterPattern"));
            String group = String.valueOf(Template.map(filter.properties().get("LogGroupName")).get("Ref"));
            String function = group.replaceAll("LogGroup$", "");
            String codeUri = String.valueOf(template.function(function).get("CodeUri"));
            String module = codeUri.split("/")[1];
            List<String> modules = List.of(module, "core", "aws", "notices");
            for (String words : wordsOf(id, pattern)) {
                boolean written = modules.stream().anyMatch(m -> sourcesContain(m, words));
                assertTrue(written, id + ": no code of " + function + " writes " + words);
            }
        });
    }

    /**
     * What a filter pattern needs the code to write: a quoted phrase as it is; for a JSON pattern (the functions' log
     * lines are JSON), each field it reads, as a key the code gives a line ({@code "outcome"}), and each text it
     * compares a field with; {@code level} is the layout's own.
     */
    static List<String> wordsOf(String id, String pattern) {
        if (pattern.startsWith("\"") && pattern.endsWith("\"")) {
            return List.of(pattern.substring(1, pattern.length() - 1));
        }
        assertTrue(pattern.startsWith("{") && pattern.endsWith("}"), id + ": a quoted phrase or a JSON pattern, "
                + pattern);
        List<String> words = new java.util.ArrayList<>();
        java.util.regex.Matcher field = java.util.regex.Pattern.compile("\\$\\.(\\w+)").matcher(pattern);
        while (field.find()) {
            if (!field.group(1).equals("level")) {
                words.add("\"" + field.group(1) + "\"");
            }
        }
        java.util.regex.Matcher text = java.util.regex.Pattern.compile("\\$\\.(\\w+)\\s*=\\s*\"([^\"]+)\"")
                .matcher(pattern);
        while (text.find()) {
            if (!text.group(1).equals("level")) {
                words.add(text.group(2));
            }
        }
        assertTrue(!words.isEmpty(), id + ": reads no field, " + pattern);
        return words;
    }

    @Test
    void aJsonFilterPatternNeedsItsFieldsAndValuesWrittenByTheCode() {
        assertEquals(List.of("\"outcome\"", "UNKNOWN"),
                wordsOf("F", "{ $.level = \"WARN\" && $.outcome = \"UNKNOWN\" }"));
        assertEquals(List.of("\"unknownNotices\""), wordsOf("F", "{ $.unknownNotices > 0 }"));
        assertEquals(List.of("delivery report dropped"), wordsOf("F", "\"delivery report dropped\""));
    }

    private static boolean sourcesContain(String module, String phrase) {
        java.nio.file.Path main = Paths.root().resolve("functions").resolve(module).resolve("src/main/java");
        try (var files = Files.walk(main)) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> {
                try {
                    return Files.readString(f).contains(phrase);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
