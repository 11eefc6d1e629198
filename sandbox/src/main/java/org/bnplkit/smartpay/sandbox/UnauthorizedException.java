package org.bnplkit.smartpay.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** 401 in Smartpay's shape {@code {statusCode, scheme, realm}} (plus a message); never echoes the credential. */
final class UnauthorizedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    static final String REALM = "Smartpay API";

    private final String scheme;

    UnauthorizedException(String scheme) {
        super("Missing or invalid credentials", null, false, false);
        this.scheme = scheme;
    }

    ApiResponse toResponse() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("statusCode", 401);
        body.put("scheme", scheme);
        body.put("realm", REALM);
        body.put("error", "Unauthorized");
        body.put("message", "Basic".equals(scheme)
                ? "Missing or invalid secret key: send Authorization: Basic <sk_test_... or sk_live_...>"
                : "Missing or invalid access token: log in with POST /v1/consumers/auth/login");
        return ApiResponse.json(401, body).withHeader("WWW-Authenticate", scheme + " realm=\"" + REALM + "\"");
    }
}
