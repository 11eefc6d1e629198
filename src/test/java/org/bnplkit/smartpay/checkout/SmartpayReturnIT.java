package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSession;
import org.bnplkit.smartpay.client.RequestOptions;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayNotConfiguredException;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.testing.Storefront;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.bnplkit.smartpay.checkout.CheckoutFlow.ERROR_PARAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The return is decided server-side: declined, unapproved, tampered, stale, replayed and Smartpay-down
 * returns record nothing (or nothing twice) and leave the cart intact.
 */
class SmartpayReturnIT {

    private final BroadleafTestContext ctx = BroadleafTestContext.get();
    private final SmartpaySandbox sandbox = ctx.sandbox();
    private final Storefront storefront = ctx.storefront();
    private final CheckoutFlow flow = new CheckoutFlow(ctx);

    @AfterEach
    void reset() {
        ctx.properties().reset();
        sandbox.clearFaults();
    }

    @Test
    void aDeclineLeavesTheOrderInProcessWithAClearMessage() throws Exception {
        Order cart = ctx.fixtures().cart().item("Matcha 30g", 1620, 1).build();
        Storefront.Response start = storefront.get("/smartpay/start", cart.getId());

        String location = flow.pressOnHostedPage(start.redirectedUrl(), "decline");
        Storefront.Response cancel = storefront.follow(location, cart.getId());
        assertEquals("/checkout", cancel.redirectPath());
        assertEquals("smartpay.error.declined", cancel.queryParam(ERROR_PARAM));

        Storefront.Response forcedReturn = flow.returnFromSmartpay(cart.getId());
        assertEquals("smartpay.error.declined", forcedReturn.queryParam(ERROR_PARAM), forcedReturn.toString());
        assertNothingRecorded(cart.getId());
    }

    @Test
    void aReturnBeforeApprovalRecordsNothing() {
        Order cart = ctx.fixtures().cart().item("Matcha 30g", 1620, 2).build();
        flow.start(cart);

        Storefront.Response back = flow.returnFromSmartpay(cart.getId());
        assertEquals("/smartpay/error", back.redirectPath());
        assertEquals("smartpay.error.notApproved", back.queryParam(ERROR_PARAM));
        Storefront.Response toCheckout = storefront.get(back.redirectedUrl(), cart.getId());
        assertEquals("/checkout", toCheckout.redirectPath());
        assertEquals("smartpay.error.notApproved", toCheckout.queryParam(ERROR_PARAM));
        assertEquals("cart.paymentProcessingError", storefront.get("/smartpay/error?" + ERROR_PARAM + "=<script>", cart.getId())
                .queryParam(ERROR_PARAM), "only the module's own message keys are passed on");
        assertNothingRecorded(cart.getId());
    }

    @Test
    void aCartLinkedToAnotherCartsSmartpayOrderIsRefused() {
        Order victim = ctx.fixtures().cart().item("Gyokuro 100g", 6480, 1).build();
        String victimsOrder = flow.start(victim);
        sandbox.approve(victimsOrder);
        Order attacker = ctx.fixtures().cart().item("Gyokuro 100g", 6480, 1).build();
        flow.start(attacker);
        relink(attacker.getId(), victimsOrder);

        Storefront.Response back = flow.returnFromSmartpay(attacker.getId());
        assertEquals("smartpay.error.mismatch", back.queryParam(ERROR_PARAM), back.toString());
        assertNothingRecorded(attacker.getId());
        assertEquals("requires_capture", sandbox.order(victimsOrder).status(), "the other cart's approval is untouched");

        flow.returnFromSmartpay(victim.getId());
        assertEquals(OrderStatus.SUBMITTED, ctx.fixtures().reload(victim.getId()).getStatus());
    }

    @Test
    void aSmartpayOrderWithAnotherReferenceIsRefused() throws Exception {
        Order cart = ctx.fixtures().cart().item("Sencha 100g", 1080, 2).build();
        long total = cart.getTotal().getAmount().longValueExact();
        CheckoutSessionMapper mapper = ctx.bean("blSmartpayCheckoutSessionMapper", CheckoutSessionMapper.class);
        CheckoutSession foreign = ctx.inTransaction(() -> {
            try {
                return client().createCheckoutSession(mapper.map(flow.orders().findOrderById(cart.getId()),
                                "http://elsewhere/ok", "http://elsewhere/cancel", CaptureMethod.MANUAL, null)
                        .params().toBuilder().reference("somebody-else").metadata(Map.of("broadleafOrderId", "0")).build(),
                        RequestOptions.idempotencyKey("foreign-" + cart.getId()));
            } catch (SmartpayCheckoutException e) {
                throw new IllegalStateException(e);
            }
        });
        sandbox.approve(foreign.order().id());
        assertEquals(total, sandbox.order(foreign.order().id()).amount());
        relink(cart.getId(), foreign.order().id());

        Storefront.Response back = flow.returnFromSmartpay(cart.getId());
        assertEquals("smartpay.error.mismatch", back.queryParam(ERROR_PARAM));
        assertNothingRecorded(cart.getId());
    }

    @Test
    void aCartChangedAfterApprovalIsRefusedTheApprovalReleasedAndANewCheckoutWorks() {
        Order cart = ctx.fixtures().cart().item("Kukicha", 860, 1).build();
        String approved = flow.start(cart);
        sandbox.approve(approved);
        ctx.fixtures().addItem(cart.getId(), "Tea towel", 990, 1);

        Storefront.Response back = flow.returnFromSmartpay(cart.getId());
        assertEquals("smartpay.error.cartChanged", back.queryParam(ERROR_PARAM));
        assertNothingRecorded(cart.getId());
        assertEquals("canceled", sandbox.order(approved).status(), "the stale approval is released");

        String again = flow.start(cart);
        assertNotEquals(approved, again);
        sandbox.approve(again);
        flow.returnFromSmartpay(cart.getId());
        Order submitted = ctx.fixtures().reload(cart.getId());
        assertEquals(OrderStatus.SUBMITTED, submitted.getStatus());
        assertEquals(submitted.getTotal().getAmount().longValueExact(), sandbox.order(again).amount());
        assertEquals(1, flow.activeSmartpayTransactions(cart.getId()).size());
    }

    @Test
    void aRepeatedReturnRecordsNothingTwice() {
        Order cart = ctx.fixtures().cart().item("Bancha", 640, 2).build();
        sandbox.approve(flow.start(cart));
        Storefront.Response first = flow.returnFromSmartpay(cart.getId());
        Order submitted = ctx.fixtures().reload(cart.getId());
        assertEquals(OrderStatus.SUBMITTED, submitted.getStatus());

        // refresh with the submitted order still in the session
        Storefront.Response refresh = flow.returnFromSmartpay(cart.getId());
        assertEquals(first.redirectPath(), refresh.redirectPath());
        // back button later: the shopper now has a new, empty cart
        Long newCart = ctx.inTransaction(() -> flow.orders().createNewCartForCustomer(submitted.getCustomer()).getId());
        Storefront.Response back = storefront.get("/smartpay/return?order=" + cart.getId(), newCart);
        assertEquals(first.redirectPath(), back.redirectPath());
        // someone else replaying the URL gets nothing
        Order stranger = ctx.fixtures().cart().item("Bancha", 640, 1).build();
        Storefront.Response foreign = storefront.get("/smartpay/return?order=" + cart.getId(), stranger.getId());
        assertEquals("smartpay.error.noCheckout", foreign.queryParam(ERROR_PARAM));

        assertEquals(1, flow.paymentCount(cart.getId()));
        assertEquals(1, flow.activeSmartpayTransactions(cart.getId()).size());
        assertNothingRecorded(stranger.getId());
    }

    @Test
    void smartpayDownDuringTheReturnIsRetriedThenRefusedAndTheNextReturnWorks() {
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();
        String smartpayOrderId = flow.start(cart);
        sandbox.approve(smartpayOrderId);
        String path = "/v1/orders/" + smartpayOrderId;
        int before = sandbox.requestCount("GET", path);
        sandbox.injectFault(SandboxFault.status(503).times(20).on("GET", path));

        Storefront.Response back = flow.returnFromSmartpay(cart.getId());
        assertEquals("smartpay.error.smartpayUnreachable", back.queryParam(ERROR_PARAM));
        assertEquals(before + 4, sandbox.requestCount("GET", path), "gateway.smartpay.retry.maxAttempts attempts");
        assertNothingRecorded(cart.getId());

        sandbox.clearFaults();
        flow.returnFromSmartpay(cart.getId());
        assertEquals(OrderStatus.SUBMITTED, ctx.fixtures().reload(cart.getId()).getStatus());
        assertEquals(1, flow.paymentCount(cart.getId()));
        assertEquals(1, flow.activeSmartpayTransactions(cart.getId()).size());
    }

    @Test
    void aBriefSmartpayOutageIsAbsorbedByRetries() {
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();
        String smartpayOrderId = flow.start(cart);
        sandbox.approve(smartpayOrderId);
        sandbox.injectFault(SandboxFault.status(503).times(2).on("GET", "/v1/orders/" + smartpayOrderId));

        flow.returnFromSmartpay(cart.getId());
        assertEquals(OrderStatus.SUBMITTED, ctx.fixtures().reload(cart.getId()).getStatus());
        assertEquals(1, flow.activeSmartpayTransactions(cart.getId()).size());
    }

    @Test
    void aNonYenCartIsNotOfferedSmartpay() {
        Order cart = ctx.fixtures().cart().currency("USD").item("Tea sampler", 25, 1).build();
        assertFalse(ctx.bean("blSmartpayCheckoutAvailability", SmartpayCheckoutAvailability.class)
                .isAvailable(ctx.fixtures().reload(cart.getId())));
        int sessions = sandbox.requestCount("POST", "/v1/checkout-sessions");

        Storefront.Response start = storefront.get("/smartpay/start", cart.getId());
        assertEquals("/checkout", start.redirectPath());
        assertEquals("smartpay.error.currency", start.queryParam(ERROR_PARAM));
        assertEquals(sessions, sandbox.requestCount("POST", "/v1/checkout-sessions"));
        assertNull(flow.link(cart.getId()));
    }

    @Test
    void aMissingOrMalformedKeyMakesTheGatewayUnavailableWithAClearMessage() {
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();
        SmartpayClientProvider provider = ctx.bean("blSmartpayClientProvider", SmartpayClientProvider.class);
        SmartpayCheckoutAvailability availability = ctx.bean("blSmartpayCheckoutAvailability", SmartpayCheckoutAvailability.class);
        int sessions = sandbox.requestCount("POST", "/v1/checkout-sessions");

        ctx.properties().blank("gateway.smartpay.secretKey");
        assertFalse(provider.isConfigured());
        assertEquals("Smartpay is not configured: gateway.smartpay.secretKey is not set",
                assertThrows(SmartpayNotConfiguredException.class, provider::client).getMessage());
        assertFalse(availability.isAvailable(ctx.fixtures().reload(cart.getId())));
        Storefront.Response start = storefront.get("/smartpay/start", cart.getId());
        assertEquals("smartpay.error.unavailable", start.queryParam(ERROR_PARAM));

        ctx.properties().set("gateway.smartpay.secretKey", "pk_test_TopSecret42");
        String message = assertThrows(SmartpayNotConfiguredException.class, provider::client).getMessage();
        assertTrue(message.contains("public key"), message);
        assertFalse(message.contains("TopSecret42"), message);
        assertEquals("smartpay.error.unavailable", storefront.get("/smartpay/start", cart.getId()).queryParam(ERROR_PARAM));

        assertEquals(sessions, sandbox.requestCount("POST", "/v1/checkout-sessions"));
        assertEquals(OrderStatus.IN_PROCESS, ctx.fixtures().reload(cart.getId()).getStatus(), "the store keeps working");

        ctx.properties().reset();
        assertTrue(provider.isConfigured());
        flow.start(cart);
    }

    @Test
    void aReturnWaitsWhileAnotherCompletionHoldsTheCartThenCompletesIt() throws Exception {
        Order cart = ctx.fixtures().cart().item("Hojicha 200g", 1296, 1).build();
        String smartpayOrder = flow.start(cart);
        sandbox.approve(smartpayOrder);
        SmartpayCheckoutLease lease = ctx.bean("blSmartpayCheckoutLease", SmartpayCheckoutLease.class);
        SmartpayCheckoutLease.Held webhook = lease.tryHold(cart.getId()); // as the completing webhook on another node
        assertNotNull(webhook);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Storefront.Response> back = pool.submit(() -> flow.returnFromSmartpay(cart.getId()));
            Thread.sleep(400);
            assertFalse(back.isDone(), "the return waits for the holder");
            assertEquals(OrderStatus.IN_PROCESS, ctx.fixtures().reload(cart.getId()).getStatus());
            webhook.close();
            Storefront.Response response = back.get(30, TimeUnit.SECONDS);
            assertTrue(response.redirectPath().startsWith("/confirmation/"), response.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(OrderStatus.SUBMITTED, ctx.fixtures().reload(cart.getId()).getStatus());
        assertEquals(1, flow.paymentCount(cart.getId()));
        assertEquals("requires_capture", sandbox.order(smartpayOrder).status());
        SmartpayCheckoutLease.Held after = lease.tryHold(cart.getId());
        assertNotNull(after, "the return freed the lease");
        after.close();
    }

    @Test
    void aReturnThatCannotGetTheCartInTimeSaysSoAndChangesNothing() throws Exception {
        ctx.properties().set(org.bnplkit.smartpay.config.SmartpaySettings.RETURN_WAIT_MILLIS, "300");
        Order cart = ctx.fixtures().cart().item("Genmaicha 200g", 756, 2).build();
        String smartpayOrder = flow.start(cart);
        sandbox.approve(smartpayOrder);
        SmartpayCheckoutLease lease = ctx.bean("blSmartpayCheckoutLease", SmartpayCheckoutLease.class);
        try (SmartpayCheckoutLease.Held webhook = lease.tryHold(cart.getId())) {
            assertNotNull(webhook);
            Storefront.Response back = flow.returnFromSmartpay(cart.getId());
            assertEquals("/checkout", back.redirectPath(), back.toString());
            assertEquals("smartpay.error.inProgress", back.queryParam(ERROR_PARAM));
            assertNothingRecorded(cart.getId());
            assertEquals("requires_capture", sandbox.order(smartpayOrder).status(), "the approval is not released");
        }
        Storefront.Response later = flow.returnFromSmartpay(cart.getId());
        assertTrue(later.redirectPath().startsWith("/confirmation/"), later.toString());
    }

    private void assertNothingRecorded(Long orderId) {
        Order order = ctx.fixtures().reload(orderId);
        assertEquals(OrderStatus.IN_PROCESS, order.getStatus());
        assertEquals(0, flow.paymentCount(orderId), "no OrderPayment was recorded");
    }

    /** What a tampering shopper would need: the cart pointing at a Smartpay order of their choice. */
    private void relink(Long cartId, String smartpayOrderId) {
        ctx.inTransaction(() -> {
            Order cart = flow.orders().findOrderById(cartId);
            SmartpayCartLink link = SmartpayCartLink.of(cart);
            SmartpayCartLink.store(cart, smartpayOrderId, link == null ? null : link.sessionId(),
                    cart.getTotal().getAmount().longValueExact(), "manual");
            try {
                flow.orders().save(cart, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private SmartpayClient client() {
        return ctx.bean("blSmartpayClientProvider", SmartpayClientProvider.class).client();
    }
}
