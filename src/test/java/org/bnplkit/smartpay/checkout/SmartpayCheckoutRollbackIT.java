package org.bnplkit.smartpay.checkout;

import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.testing.Storefront;
import org.broadleafcommerce.core.checkout.service.workflow.CheckoutSeed;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.workflow.Activity;
import org.broadleafcommerce.core.workflow.BaseActivity;
import org.broadleafcommerce.core.workflow.BaseProcessor;
import org.broadleafcommerce.core.workflow.ProcessContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.bnplkit.smartpay.checkout.CheckoutFlow.ERROR_PARAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A checkout that fails after Smartpay approved: Broadleaf's rollback calls the module's rollback service,
 * which gives the approval back (cancel under manual capture, full refund under automatic), and the
 * order stays open for another try.
 */
class SmartpayCheckoutRollbackIT {

    private final BroadleafTestContext ctx = BroadleafTestContext.get();
    private final SmartpaySandbox sandbox = ctx.sandbox();
    private final CheckoutFlow flow = new CheckoutFlow(ctx);
    private final FailingActivity failing = new FailingActivity();
    private List<Activity<ProcessContext<?>>> activities;

    /** Fails the checkout after every built-in activity (payment confirmation at 3000 ... complete order at 6000). */
    static final class FailingActivity extends BaseActivity<ProcessContext<CheckoutSeed>> {
        FailingActivity() {
            setOrder(9000);
        }

        @Override
        public ProcessContext<CheckoutSeed> execute(ProcessContext<CheckoutSeed> context) {
            throw new IllegalStateException("warehouse system refused the order (test)");
        }
    }

    @BeforeEach
    @SuppressWarnings({"unchecked", "rawtypes"})
    void breakTheCheckoutWorkflow() {
        activities = ctx.bean("blCheckoutWorkflow", BaseProcessor.class).getActivities();
        activities.add((Activity) failing);
    }

    @AfterEach
    void repairIt() {
        activities.remove(failing);
        ctx.properties().reset();
    }

    @Test
    void underManualCaptureTheSmartpayOrderIsCanceled() {
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 1).build();
        String smartpayOrderId = flow.start(cart);
        sandbox.approve(smartpayOrderId);

        Storefront.Response back = flow.returnFromSmartpay(cart.getId());
        assertEquals("smartpay.error.checkoutFailed", back.queryParam(ERROR_PARAM), back.toString());
        assertEquals("canceled", sandbox.order(smartpayOrderId).status());
        Order order = ctx.fixtures().reload(cart.getId());
        assertEquals(OrderStatus.IN_PROCESS, order.getStatus());
        assertTrue(flow.activeSmartpayTransactions(cart.getId()).isEmpty(), "the failed payment is archived");
        assertEquals(1, sandbox.requestCount("PUT", "/v1/orders/" + smartpayOrderId + "/cancellation"));
        assertEquals(List.of("AUTHORIZE", "REVERSE_AUTH"), flow.allTransactionTypes(cart.getId()),
                "Broadleaf's rollback handler recorded the module's reversal");
    }

    @Test
    void underAutomaticCaptureThePaymentIsRefundedInFull() {
        ctx.properties().set("gateway.smartpay.captureMethod", "automatic");
        Order cart = ctx.fixtures().cart().item("Matcha 100g", 1980, 2).build();
        String smartpayOrderId = flow.start(cart);
        sandbox.approve(smartpayOrderId);

        Storefront.Response back = flow.returnFromSmartpay(cart.getId());
        assertEquals("smartpay.error.checkoutFailed", back.queryParam(ERROR_PARAM), back.toString());
        long total = cart.getTotal().getAmount().longValueExact();
        assertEquals(total, sandbox.order(smartpayOrderId).refunded(), "refunded once, in full");
        assertEquals(List.of("AUTHORIZE_AND_CAPTURE", "REFUND"), flow.allTransactionTypes(cart.getId()));
        assertEquals(OrderStatus.IN_PROCESS, ctx.fixtures().reload(cart.getId()).getStatus());
        assertTrue(flow.activeSmartpayTransactions(cart.getId()).isEmpty());
    }
}
