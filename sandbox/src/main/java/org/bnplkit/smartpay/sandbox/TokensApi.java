package org.bnplkit.smartpay.sandbox;

/** The merchant API's payment tokens ({@code /v1/tokens}), routed by {@link MerchantApi}. */
final class TokensApi {

    private final SandboxClock clock;

    TokensApi(SandboxClock clock) {
        this.clock = clock;
    }

    private TokenRecord token(Merchant m, String id) {
        TokenRecord token = m.tokens.get(id);
        if (token == null) {
            throw ApiException.notFound("token.not-found", id);
        }
        return token;
    }

    ApiResponse getToken(Merchant m, String id) {
        synchronized (m) {
            return ApiResponse.ok(JsonViews.token(token(m, id)));
        }
    }

    ApiResponse listTokens(ApiRequest req, Merchant m) {
        return MerchantApi.listPage(req, m, m.tokens, token -> JsonViews.token(token));
    }

    /** enable: disabled -> active; disable: active -> disabled. Still requires_authorization -> token.not-found. */
    ApiResponse setTokenEnabled(Merchant m, String id, boolean enable) {
        long now = clock.now();
        synchronized (m) {
            TokenRecord token = token(m, id);
            if (TokenRecord.REQUIRES_AUTHORIZATION.equals(token.status)) {
                throw ApiException.notFound("token.not-found", id);
            }
            if (TokenRecord.REJECTED.equals(token.status)) {
                throw new ApiException(400, "token.invalid", "Token " + id + " was rejected");
            }
            String target = enable ? TokenRecord.ACTIVE : TokenRecord.DISABLED;
            if (!target.equals(token.status)) {
                token.status = target;
                token.updatedAt = now;
                m.emit(enable ? "token.enabled" : "token.disabled", JsonViews.token(token), now);
            }
            return ApiResponse.emptyOk();
        }
    }

    ApiResponse deleteToken(Merchant m, String id) {
        long now = clock.now();
        synchronized (m) {
            TokenRecord token = token(m, id);
            token.status = TokenRecord.DELETED;
            token.updatedAt = now;
            m.emit("token.deleted", JsonViews.token(token), now);
            return ApiResponse.noContent();
        }
    }
}
