package org.bnplkit.smartpay.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.bnplkit.smartpay.checkout.SmartpayCartLink;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.bnplkit.smartpay.money.Yen;
import org.bnplkit.smartpay.operations.PaidOrderFixture;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.testing.Fixtures;
import org.bnplkit.smartpay.testing.Storefront;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupItem;
import org.broadleafcommerce.core.order.domain.FulfillmentOption;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.type.OrderStatus;

/**
 * A shopper's checkout through the real storefront (cart priced by Broadleaf, split over fulfillment groups by
 * Broadleaf's multi-ship path, /smartpay/start, approval at the sandbox, the browser's return), and the facts the
 * merchant model starts from: the authorization, each group's gross and each line's net paid price as Broadleaf
 * priced them.
 */
final class StoreCheckout {

    private final BroadleafTestContext ctx;
    private final PaidOrderFixture fixture;
    private FulfillmentOption shipping;

    StoreCheckout(BroadleafTestContext ctx) {
        this.ctx = ctx;
        this.fixture = new PaidOrderFixture(ctx);
    }

    /** What the shopper buys: unit prices and quantities, the group of each item, discounts. */
    record Basket(long[] prices, int[] quantities, int[] groupOfItem, long orderDiscount, long itemDiscount,
                  boolean automaticCapture) {
    }

    MerchantModel checkout(int number, Basket basket) {
        if (shipping == null) {
            shipping = ctx.fixtures().shippingOption("Yamato (model)", 660);
        }
        Fixtures.CartBuilder cart = ctx.fixtures().cart().shipping(shipping);
        for (int i = 0; i < basket.prices().length; i++) {
            cart.item("Model item " + number + "." + i + " " + System.nanoTime(), basket.prices()[i], basket.quantities()[i]);
        }
        if (basket.itemDiscount() > 0) {
            cart.itemDiscount(0, basket.itemDiscount());
        }
        if (basket.orderDiscount() > 0) {
            cart.orderDiscount(basket.orderDiscount());
        }
        Long cartId = cart.build().getId();
        fixture.splitIntoGroups(cartId, basket.groupOfItem());

        String method = basket.automaticCapture() ? "automatic" : "manual";
        ctx.properties().set(SmartpaySettings.CAPTURE_METHOD, method);
        try {
            Storefront.Response start = ctx.storefront().get("/smartpay/start", cartId);
            if (start.redirectedUrl() == null) {
                throw new IllegalStateException("the checkout did not start: " + start);
            }
            String smartpayOrderId = ctx.inTransaction(() -> SmartpayCartLink.of(ctx.fixtures().reload(cartId)).smartpayOrderId());
            ctx.sandbox().approve(smartpayOrderId);
            ctx.storefront().get("/smartpay/return?order=" + cartId, cartId);
            return ctx.inTransaction(() -> {
                Order order = ctx.bean("blOrderService", OrderService.class).findOrderById(cartId);
                if (!OrderStatus.SUBMITTED.equals(order.getStatus())) {
                    throw new IllegalStateException("the checkout of cart " + cartId + " did not complete: " + order.getStatus());
                }
                long authorized = ctx.sandbox().order(smartpayOrderId).amount();
                return new MerchantModel(number, cartId, smartpayOrderId, basket.automaticCapture(), authorized, groups(order));
            });
        } finally {
            ctx.properties().set(SmartpaySettings.CAPTURE_METHOD, "manual");
        }
    }

    /** Groups in id order, each with what Broadleaf priced: items after discounts with their tax, shipping, fees. */
    private static List<MerchantModel.Group> groups(Order order) {
        List<FulfillmentGroup> sorted = new ArrayList<>(order.getFulfillmentGroups());
        sorted.sort((a, b) -> a.getId().compareTo(b.getId()));
        List<MerchantModel.Group> groups = new ArrayList<>();
        for (FulfillmentGroup fg : sorted) {
            long gross = yen(fg.getFulfillmentPrice() == null ? null : fg.getFulfillmentPrice().getAmount())
                    + yen(fg.getTotalFulfillmentGroupTax() == null ? null : fg.getTotalFulfillmentGroupTax().getAmount())
                    + yen(fg.getTotalFeeTax() == null ? null : fg.getTotalFeeTax().getAmount());
            List<FulfillmentGroupItem> items = new ArrayList<>(fg.getFulfillmentGroupItems());
            items.sort((a, b) -> a.getId().compareTo(b.getId()));
            List<MerchantModel.Line> lines = new ArrayList<>();
            for (FulfillmentGroupItem item : items) {
                BigDecimal paid = item.getTotalItemTaxableAmount() == null ? null : item.getTotalItemTaxableAmount().getAmount();
                if (paid == null || paid.signum() == 0) {
                    paid = item.getTotalItemAmount().getAmount();
                }
                long net = yen(paid) + yen(item.getTotalTax() == null ? null : item.getTotalTax().getAmount());
                gross += net;
                lines.add(new MerchantModel.Line(item.getOrderItem().getId(), item.getId(), item.getQuantity(), net));
            }
            groups.add(new MerchantModel.Group(groups.size() + 1, fg.getId(), gross, lines));
        }
        return groups;
    }

    private static long yen(BigDecimal amount) {
        return amount == null ? 0 : Yen.of(amount);
    }
}
