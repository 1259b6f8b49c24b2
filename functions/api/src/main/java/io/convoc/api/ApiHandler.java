package io.convoc.api;

import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The api Lambda: API Gateway HTTP API (payload v2) events into the Micronaut controllers of this module.
 * Micronaut's function does the translation; the controllers call the domain services.
 */
public class ApiHandler extends APIGatewayV2HTTPEventFunction {
    public ApiHandler() {
        super();
    }
}
