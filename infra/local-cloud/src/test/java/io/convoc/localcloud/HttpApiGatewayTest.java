package io.convoc.localcloud;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local API Gateway passes on to the function the paths API Gateway passes on, a bare '%' included. */
class HttpApiGatewayTest {
    private static final Template TEMPLATE = Template.parse("""
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: x.Y
                  Events:
                    Get:
                      Type: HttpApi
                      Properties:
                        Path: /api/registrations/{id}
                        Method: GET
                    Post:
                      Type: HttpApi
                      Properties:
                        Path: /api/registrations
                        Method: POST
            """);

    @Test
    void aBarePercentAndRawBytesReachTheRouteInsteadOfAnHtml400() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (HttpApiGateway gateway = HttpApiGateway.start(TEMPLATE, "Fn", (APIGatewayV2HTTPEvent e, com.amazonaws.services.lambda.runtime.Context c) -> {
            seen.add(e.getRawPath() + " " + (e.getBody() == null ? 0 : e.getBody().length()));
            APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
            r.setStatusCode(404);
            r.setHeaders(Map.of("Content-Type", "application/problem+json"));
            r.setBody("{\"status\":404}");
            return r;
        }, "127.0.0.1", 0, null)) {
            for (String target : List.of("/api/registrations/%", "/api/registrations/%ZZ", "/api/registrations/\u00E9")) {
                String answer = raw(gateway.port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
                assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
            }
            assertEquals(List.of("/api/registrations/%25 0", "/api/registrations/%25ZZ 0", "/api/registrations/%E9 0"),
                    seen);
            // ordinary clients, keep-alive and bodies still work through the front
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/registrations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, r.statusCode());
            }
            assertEquals("/api/registrations 100000", seen.get(seen.size() - 1));
        }
    }

    private static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
