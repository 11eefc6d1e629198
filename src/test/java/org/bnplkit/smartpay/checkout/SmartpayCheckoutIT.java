package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.client.CheckoutSession;
import org.bnplkit.smartpay.client.CustomerInfo;
import org.bnplkit.smartpay.client.Expand;
import org.bnplkit.smartpay.client.Expandable;
import org.bnplkit.smartpay.client.OrderLineItem;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.testing.Storefront;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cart → /smartpay/start → the shopper approves → /smartpay/return → order SUBMITTED with the authorization. */
class SmartpayCheckoutIT {

    private final BroadleafTestContext ctx = BroadleafTestContext.get();
    private final SmartpaySandbox sandbox = ctx.sandbox();
    private final Storefront storefront = ctx.storefront();
    private final CheckoutFlow flow = new CheckoutFlow(ctx);

    @AfterEach
    void resetSettings() {
        ctx.properties().reset();
        sandbox.clearFaults();
    }

    @Test
    void manualCaptureCheckoutRecordsAnAuthorizeAndSubmitsTheOrder() {
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 2).item("Tea bowl", 5500, 1).shipping("Yamato", 660).build();

        String smartpayOrderId = flow.start(cart);
        assertEquals(11066, sandbox.order(smartpayOrderId).amount());
        assertEquals(String.valueOf(cart.getId()), sandbox.order(smartpayOrderId).reference());
        assertEquals("manual", sandbox.order(smartpayOrderId).captureMethod());

        sandbox.approve(smartpayOrderId);
        Storefront.Response back = flow.returnFromSmartpay(cart.getId());

        Order submitted = ctx.fixtures().reload(cart.getId());
        assertEquals(OrderStatus.SUBMITTED, submitted.getStatus());
        assertEquals("/confirmation/" + submitted.getOrderNumber(), back.redirectPath());
        List<PaymentTransaction> transactions = flow.activeSmartpayTransactions(cart.getId());
        assertEquals(1, transactions.size(), transactions.toString());
        PaymentTransaction authorize = transactions.get(0);
        assertEquals(PaymentTransactionType.AUTHORIZE, authorize.getType());
        assertTrue(authorize.getSuccess());
        assertEquals(0, new BigDecimal("11066").compareTo(authorize.getAmount().getAmount()));
        assertEquals(smartpayOrderId, authorize.getAdditionalFields().get(SmartpayFields.ORDER_ID));
        assertEquals("test", authorize.getAdditionalFields().get(SmartpayFields.MODE));
        assertEquals("manual", authorize.getAdditionalFields().get(SmartpayFields.CAPTURE_METHOD));
        assertEquals("requires_capture", sandbox.order(smartpayOrderId).status());
        assertEquals(0, sandbox.order(smartpayOrderId).captured());
    }

    @Test
    void automaticCaptureCheckoutRecordsAuthorizeAndCaptureWithThePayment() {
        ctx.properties().set("gateway.smartpay.captureMethod", "automatic");
        Order cart = ctx.fixtures().cart().item("Sencha 200g", 2400, 1).shipping("Sagawa", 550).build();

        String smartpayOrderId = flow.start(cart);
        assertEquals("automatic", sandbox.order(smartpayOrderId).captureMethod());
        sandbox.approve(smartpayOrderId);
        Storefront.Response back = flow.returnFromSmartpay(cart.getId());

        Order submitted = ctx.fixtures().reload(cart.getId());
        assertEquals(OrderStatus.SUBMITTED, submitted.getStatus(), back.toString());
        List<PaymentTransaction> transactions = flow.activeSmartpayTransactions(cart.getId());
        assertEquals(1, transactions.size());
        PaymentTransaction tx = transactions.get(0);
        assertEquals(PaymentTransactionType.AUTHORIZE_AND_CAPTURE, tx.getType());
        assertEquals(0, submitted.getTotal().getAmount().compareTo(tx.getAmount().getAmount()));
        assertEquals(smartpayOrderId, tx.getAdditionalFields().get(SmartpayFields.ORDER_ID));
        assertEquals(sandbox.order(smartpayOrderId).paymentIds().get(0), tx.getAdditionalFields().get(SmartpayFields.PAYMENT_ID));
        assertEquals("succeeded", sandbox.order(smartpayOrderId).status());
    }

    @Test
    void theHostedPageSendsTheShopperBackToTheReturnUrl() throws Exception {
        Order cart = ctx.fixtures().cart().item("Hojicha 100g", 1200, 3).build();
        Storefront.Response start = storefront.get("/smartpay/start", cart.getId());

        String location = flow.pressOnHostedPage(start.redirectedUrl(), "approve");
        assertEquals("http://" + Storefront.HOST + "/smartpay/return?order=" + cart.getId(), location);
        Storefront.Response back = storefront.follow(location, cart.getId());

        Order submitted = ctx.fixtures().reload(cart.getId());
        assertEquals(OrderStatus.SUBMITTED, submitted.getStatus(), back.toString());
        assertEquals("/confirmation/" + submitted.getOrderNumber(), back.redirectPath());
    }

    @Test
    void startIsIdempotentPerCartAndContentAndFollowsCartChanges() {
        Order cart = ctx.fixtures().cart().item("Genmaicha", 980, 1).build();
        int sessionsBefore = sandbox.requestCount("POST", "/v1/checkout-sessions");

        Storefront.Response first = storefront.get("/smartpay/start", cart.getId());
        String firstOrder = flow.linkedSmartpayOrder(cart.getId());
        Storefront.Response second = storefront.get("/smartpay/start", cart.getId());
        assertEquals(first.redirectedUrl(), second.redirectedUrl(), "a second click gets the same session");
        assertEquals(firstOrder, flow.linkedSmartpayOrder(cart.getId()));
        assertEquals(sessionsBefore + 2, sandbox.requestCount("POST", "/v1/checkout-sessions"));

        ctx.fixtures().addItem(cart.getId(), "Kyusu teapot", 4800, 1);
        Storefront.Response changed = storefront.get("/smartpay/start", cart.getId());
        assertNotEquals(first.redirectedUrl(), changed.redirectedUrl(), "a changed cart gets a new session");
        String changedOrder = flow.linkedSmartpayOrder(cart.getId());
        assertNotEquals(firstOrder, changedOrder);
        assertEquals(ctx.fixtures().reload(cart.getId()).getTotal().getAmount().longValueExact(),
                sandbox.order(changedOrder).amount());
    }

    @Test
    void aShopperWhoApprovedButNeverCameBackCompletesFromStart() {
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();
        String smartpayOrderId = flow.start(cart);
        sandbox.approve(smartpayOrderId);
        int sessions = sandbox.requestCount("POST", "/v1/checkout-sessions");

        Storefront.Response again = storefront.get("/smartpay/start", cart.getId());
        assertEquals("http://" + Storefront.HOST + "/smartpay/return?order=" + cart.getId(), again.redirectedUrl());
        assertEquals(sessions, sandbox.requestCount("POST", "/v1/checkout-sessions"), "no new session");
        storefront.follow(again.redirectedUrl(), cart.getId());
        assertEquals(OrderStatus.SUBMITTED, ctx.fixtures().reload(cart.getId()).getStatus());
    }

    @Test
    void startingAgainAfterTheCartChangedReleasesTheOldApproval() {
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();
        String old = flow.start(cart);
        sandbox.approve(old);
        ctx.fixtures().addItem(cart.getId(), "Tea caddy", 2200, 1);

        String fresh = flow.start(cart);
        assertNotEquals(old, fresh);
        assertEquals("canceled", sandbox.order(old).status(), "the approval for the old total is released");
        assertEquals(ctx.fixtures().reload(cart.getId()).getTotal().getAmount().longValueExact(), sandbox.order(fresh).amount());
    }

    @Test
    void afterADeclineANewCheckoutCanBeApproved() throws Exception {
        Order cart = ctx.fixtures().cart().item("Sencha 100g", 1080, 1).build();
        Storefront.Response first = storefront.get("/smartpay/start", cart.getId());
        String declined = flow.linkedSmartpayOrder(cart.getId());
        storefront.follow(flow.pressOnHostedPage(first.redirectedUrl(), "decline"), cart.getId());
        assertEquals("rejected", sandbox.order(declined).status());

        String second = flow.start(cart);
        assertNotEquals(declined, second, "a declined Smartpay order is not reused");
        sandbox.approve(second);
        flow.returnFromSmartpay(cart.getId());
        assertEquals(OrderStatus.SUBMITTED, ctx.fixtures().reload(cart.getId()).getStatus());
        assertEquals(second, flow.activeSmartpayTransactions(cart.getId()).get(0).getAdditionalFields().get(SmartpayFields.ORDER_ID));
    }

    @Test
    void leavingSmartpaysPageChangesNothing() throws Exception {
        Order cart = ctx.fixtures().cart().item("Sencha 100g", 1080, 1).build();
        Storefront.Response start = storefront.get("/smartpay/start", cart.getId());
        Storefront.Response cancel = storefront.follow(flow.pressOnHostedPage(start.redirectedUrl(), "cancel"), cart.getId());
        assertEquals("/checkout", cancel.redirectPath());
        assertEquals("smartpay.error.cancelled", cancel.queryParam(CheckoutFlow.ERROR_PARAM));
        assertEquals(OrderStatus.IN_PROCESS, ctx.fixtures().reload(cart.getId()).getStatus());
        assertEquals(0, flow.paymentCount(cart.getId()));
    }

    @Test
    void itemsDiscountsTaxAndShippingAddUpToTheOrderTotal() {
        Order cart = ctx.fixtures().cart()
                .item("Gyokuro 50g", 3240, 2)
                .item("Tea whisk", 2750, 1)
                .item("Tea bowl", 5500, 1)
                .itemDiscount(0, 200)
                .orderDiscount(1000)
                .shipping("Yamato cool", 880)
                .build();
        long total = cart.getTotal().getAmount().longValueExact();
        long[] adjustments = ctx.inTransaction(() -> {
            Order priced = flow.orders().findOrderById(cart.getId());
            return new long[]{priced.getItemAdjustmentsValue().getAmount().longValueExact(),
                    priced.getOrderAdjustmentsValue().getAmount().longValueExact(),
                    priced.getTotalTax().getAmount().longValueExact()};
        });
        assertEquals(400, adjustments[0], "¥200 off each of the two Gyokuro");
        assertEquals(1000, adjustments[1], "¥1,000 off the order");

        String smartpayOrderId = flow.start(cart);
        org.bnplkit.smartpay.client.Order smartpayOrder = client().getOrder(smartpayOrderId, Expand.ALL);
        assertEquals(total, smartpayOrder.amount());
        long products = 0;
        long discounts = 0;
        long tax = 0;
        int productLines = 0;
        for (Expandable<OrderLineItem> line : smartpayOrder.lineItems()) {
            OrderLineItem item = line.expanded();
            long lineAmount = item.unitAmount() * item.quantity();
            switch (item.kind()) {
                case "product" -> {
                    products += lineAmount;
                    productLines++;
                }
                case "discount" -> discounts += lineAmount;
                case "tax" -> tax += lineAmount;
                default -> throw new AssertionError("unexpected line " + item);
            }
        }
        long shipping = smartpayOrder.shippingInfo().feeAmount();
        assertEquals(3, productLines);
        assertEquals(3240 * 2 + 2750 + 5500, products);
        assertEquals(adjustments[0] + adjustments[1], discounts);
        assertEquals(adjustments[2], tax);
        assertEquals(880, shipping);
        assertEquals(total, products - discounts + tax + shipping);

        sandbox.approve(smartpayOrderId);
        flow.returnFromSmartpay(cart.getId());
        assertEquals(OrderStatus.SUBMITTED, ctx.fixtures().reload(cart.getId()).getStatus());
        PaymentTransaction authorize = flow.activeSmartpayTransactions(cart.getId()).get(0);
        assertEquals(total, authorize.getAmount().getAmount().longValueExact());
    }

    @Test
    void customerAndJapaneseShippingAddressAreSentToSmartpay() {
        Order cart = ctx.fixtures().cart().item("Matcha latte mix", 1500, 1).build();
        flow.start(cart);
        SmartpayCartLink link = flow.link(cart.getId());

        CheckoutSession session = client().getCheckoutSession(link.sessionId(), Expand.ALL);
        CustomerInfo customer = session.customerInfo();
        assertEquals(cart.getEmailAddress(), customer.emailAddress());
        assertEquals("花子", customer.firstName());
        assertEquals("山田", customer.lastName());
        assertEquals("ハナコ", customer.firstNameKana());
        assertEquals("ヤマダ", customer.lastNameKana());
        assertEquals("090-1234-5678", customer.phoneNumber());

        org.bnplkit.smartpay.client.Order order = client().getOrder(link.smartpayOrderId(), Expand.NO);
        org.bnplkit.smartpay.client.Address address = order.shippingInfo().address();
        assertEquals("150-0002", address.postalCode());
        assertEquals("東京都", address.administrativeArea());
        assertEquals("渋谷区", address.locality());
        assertEquals("渋谷2-21-1", address.line1());
        assertEquals("ヒカリエ 11F", address.line2());
        assertEquals("JP", address.country());
        assertEquals(String.valueOf(cart.getId()), order.reference());
        assertEquals(String.valueOf(cart.getId()), order.metadata().get("broadleafOrderId"));
    }

    private SmartpayClient client() {
        return ctx.bean("blSmartpayClientProvider", SmartpayClientProvider.class).client();
    }
}
