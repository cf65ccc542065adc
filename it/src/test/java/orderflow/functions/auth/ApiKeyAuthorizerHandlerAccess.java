package orderflow.functions.auth;

import orderflow.it.TestCloud;

/** Builds the handler with the test cloud's clients. */
public final class ApiKeyAuthorizerHandlerAccess {

    private final TestCloud cloud;

    public ApiKeyAuthorizerHandlerAccess(TestCloud cloud) {
        this.cloud = cloud;
    }

    public ApiKeyAuthorizerHandler create() {
        return new ApiKeyAuthorizerHandler(cloud.dynamo, cloud.envOf("ApiKeyAuthorizerFunction"));
    }
}
