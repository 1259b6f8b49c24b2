package io.convoc.localcloud;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TemplateTest {
    @Test
    void readsShortFormIntrinsicsAsTheirLongForms() {
        Template t = Template.parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          A: !Ref Table
                          B: !GetAtt Table.Arn
                          C: !Sub '${Table.Arn}/index/x'
                          D: !If [Cond, !Ref Table, !Ref 'AWS::NoValue']
                """);
        Map<String, Object> env = t.environmentOf("Fn");
        assertEquals(Map.of("Ref", "Table"), env.get("A"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Table", "Arn")), env.get("B"));
        assertEquals(Map.of("Fn::Sub", "${Table.Arn}/index/x"), env.get("C"));
        assertEquals(Map.of("Fn::If", List.of("Cond", Map.of("Ref", "Table"), Map.of("Ref", "AWS::NoValue"))),
                env.get("D"));
    }
}
