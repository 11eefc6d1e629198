package org.bnplkit.smartpay.sandbox;

/**
 * The test controls on orders and tokens, shared by the Java API ({@link SmartpaySandbox}) and the HTTP one
 * ({@link ControlApi}): each finds the owning merchant and runs the state machine under its lock. Errors are
 * {@link ApiException}s (404 unknown id, 409 wrong state), which each API turns into its own kind.
 */
final class OrderControls {

    private final Merchants merchants;
    private final SandboxClock clock;

    OrderControls(Merchants merchants, SandboxClock clock) {
        this.merchants = merchants;
        this.clock = clock;
    }

    private Merchant ownerOfOrder(String orderId) {
        Merchant merchant = merchants.ownerOf(orderId);
        if (merchant == null) {
            throw ApiException.notFound("order.not-found", orderId);
        }
        return merchant;
    }

    private static OrderRecord orderOf(Merchant merchant, String orderId) {
        OrderRecord order = merchant.orders.get(orderId);
        if (order == null) {
            throw ApiException.notFound("order.not-found", orderId);
        }
        return order;
    }

    SandboxOrder approveOrder(String orderId) {
        return approveOrder(orderId, null);
    }

    SandboxOrder approveOrder(String orderId, String promotionCode) {
        Merchant merchant = ownerOfOrder(orderId);
        synchronized (merchant) {
            OrderRecord order = orderOf(merchant, orderId);
            OrderLifecycle.approve(merchant, order, promotionCode, true, clock.now());
            return new SandboxOrder(order);
        }
    }

    SandboxOrder declineOrder(String orderId, boolean hard) {
        Merchant merchant = ownerOfOrder(orderId);
        synchronized (merchant) {
            OrderRecord order = orderOf(merchant, orderId);
            OrderLifecycle.decline(merchant, order, hard, clock.now());
            return new SandboxOrder(order);
        }
    }

    SandboxOrder expireOrder(String orderId) {
        Merchant merchant = ownerOfOrder(orderId);
        synchronized (merchant) {
            OrderRecord order = orderOf(merchant, orderId);
            long now = clock.now();
            OrderLifecycle.expireIfDue(merchant, order, now);
            OrderLifecycle.expire(merchant, order, now);
            return new SandboxOrder(order);
        }
    }

    SandboxOrder snapshot(String orderId) {
        Merchant merchant = ownerOfOrder(orderId);
        synchronized (merchant) {
            OrderRecord order = orderOf(merchant, orderId);
            OrderLifecycle.expireIfDue(merchant, order, clock.now());
            return new SandboxOrder(order);
        }
    }

    TokenRecord decideToken(String tokenId, boolean approve) {
        Merchant merchant = merchants.ownerOf(tokenId);
        TokenRecord token = merchant == null ? null : merchant.tokens.get(tokenId);
        if (token == null) {
            throw ApiException.notFound("token.not-found", tokenId);
        }
        synchronized (merchant) {
            if (approve) {
                OrderLifecycle.approveToken(merchant, token, clock.now());
            } else {
                OrderLifecycle.rejectToken(merchant, token, clock.now());
            }
            return token;
        }
    }
}
