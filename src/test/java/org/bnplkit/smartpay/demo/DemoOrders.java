package org.bnplkit.smartpay.demo;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bnplkit.smartpay.client.RefundReason;
import org.bnplkit.smartpay.journal.OperationStatus;
import org.bnplkit.smartpay.journal.SmartpayWebhookEvent;
import org.bnplkit.smartpay.journal.WebhookEventStatus;
import org.bnplkit.smartpay.journal.WebhookInbox;
import org.bnplkit.smartpay.operations.OperationKeys;
import org.bnplkit.smartpay.operations.OperationOutcome;
import org.bnplkit.smartpay.operations.SmartpayOrderOperations;
import org.bnplkit.smartpay.sandbox.SandboxFault;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.order.domain.Order;
import org.springframework.context.ApplicationContext;

/**
 * Demo orders, each bought on the demo storefront over HTTP and approved on the sandbox's hosted page (the real
 * checkout path), then moved with the module's operations into the states an admin meets: authorized, partly
 * captured, captured, partly refunded, cancelled, and one whose refund Smartpay refused (Retry).
 */
public final class DemoOrders {

    /** One seeded order: who bought it, what state it was brought to, its Broadleaf id and number. */
    public record Seeded(String state, String shopper, long orderId, String orderNumber) {
    }

    private final String storeUrl;
    private final SmartpaySandbox sandbox;
    private final DemoShop shop;
    private final SmartpayOrderOperations operations;
    private final WebhookInbox inbox;

    public DemoOrders(String storeUrl, SmartpaySandbox sandbox, ApplicationContext root) {
        this.storeUrl = storeUrl;
        this.sandbox = sandbox;
        this.shop = new DemoShop(root);
        this.operations = root.getBean("blSmartpayOrderOperations", SmartpayOrderOperations.class);
        this.inbox = root.getBean("blSmartpayWebhookInbox", WebhookInbox.class);
    }

    public List<Seeded> seed() {
        List<Product> goods = shop.products();
        List<Seeded> seeded = new ArrayList<>();

        long authorized = buy("a.yamada@example.jp", "山田", "花子", goods.get(1), 1, goods.get(3), 2);
        seeded.add(new Seeded("authorized", "山田 花子", authorized, number(authorized)));

        long partly = buy("t.sato@example.jp", "佐藤", "太郎", goods.get(0), 2, goods.get(2), 1);
        check(operations.capture(partly, 5_000L), "partial capture");
        seeded.add(new Seeded("partly captured", "佐藤 太郎", partly, number(partly)));

        long captured = buy("i.suzuki@example.jp", "鈴木", "一郎", goods.get(4), 2, null, 0);
        check(operations.capture(captured, uncaptured(captured)), "capture");
        seeded.add(new Seeded("captured", "鈴木 一郎", captured, number(captured)));

        long refunded = buy("y.takahashi@example.jp", "高橋", "由紀", goods.get(2), 1, goods.get(5), 3);
        check(operations.capture(refunded, uncaptured(refunded)), "capture");
        check(operations.refund(refunded, 1_980L, RefundReason.REQUESTED_BY_CUSTOMER, "One furoshiki returned",
                "demo-refund-" + refunded), "refund");
        seeded.add(new Seeded("partly refunded", "高橋 由紀", refunded, number(refunded)));

        long cancelled = buy("k.tanaka@example.jp", "田中", "健", goods.get(1), 1, null, 0);
        check(operations.cancel(cancelled), "cancel");
        seeded.add(new Seeded("cancelled", "田中 健", cancelled, number(cancelled)));

        long refused = buy("m.ito@example.jp", "伊藤", "美咲", goods.get(3), 1, goods.get(4), 1);
        check(operations.capture(refused, uncaptured(refused)), "capture");
        sandbox.injectFault(SandboxFault.status(400).errorCode("request.invalid").times(1).on("POST", "/v1/refunds"));
        OperationOutcome failed = operations.refund(refused, 1_000L, RefundReason.REQUESTED_BY_CUSTOMER,
                "Refused by Smartpay in the demo", "demo-refund-" + refused);
        if (failed.isSucceeded()) {
            throw new IllegalStateException("the demo's refused refund went through: " + failed);
        }
        sandbox.clearFaults();
        seeded.add(new Seeded("refund refused (Retry)", "伊藤 美咲", refused, number(refused)));

        // -Ddemo.spareOrders=N: N more authorized orders (7, 8, ...) for tests that need money left to capture
        for (int i = 0; i < Integer.getInteger("demo.spareOrders", 0); i++) {
            long spare = buy("spare" + i + "@example.jp", "予備", "注文" + i, goods.get(i % goods.size()), 1, null, 0);
            seeded.add(new Seeded("authorized (spare)", "予備 注文" + i, spare, number(spare)));
        }

        // for the admin's Smartpay > Needs attention: a capture Smartpay refused when the order shipped, and a webhook
        // that failed every attempt (-Ddemo.attention=false leaves them out)
        if (Boolean.parseBoolean(System.getProperty("demo.attention", "true"))) {
            long shipped = buy("h.kobayashi@example.jp", "小林", "陽子", goods.get(2), 1, goods.get(3), 1);
            sandbox.injectFault(SandboxFault.status(400).errorCode("payment.declined").times(1).on("POST", "/v1/payments"));
            long group = shop.shipFirstGroup(shipped);
            awaitFailed(OperationKeys.captureGroup(group));
            sandbox.clearFaults();
            seeded.add(new Seeded("capture refused at shipment (Needs attention)", "小林 陽子", shipped, number(shipped)));
            deadLetter(partly);
        }
        return seeded;
    }

    /** Waits (the shipment's capture runs after the commit, in the background) until the journal row FAILED. */
    private void awaitFailed(String operationKey) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            OperationOutcome row = operations.find(operationKey);
            if (row != null && row.status() == OperationStatus.FAILED) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the demo's refused shipment capture " + operationKey + " did not fail: "
                + operations.find(operationKey));
    }

    /**
     * A payment.created webhook of {@code orderId}'s Smartpay order that failed every attempt (as when the database was
     * down while Smartpay delivered it): in the inbox's dead letter, re-processable from Needs attention.
     */
    private void deadLetter(long orderId) {
        String smartpayOrderId = operations.smartpayOrderId(orderId);
        String eventId = "evt_demo_dead_" + orderId;
        SmartpayWebhookEvent event = new SmartpayWebhookEvent();
        event.setEventId(eventId);
        event.setEventType("payment.created");
        event.setSmartpayOrderId(smartpayOrderId);
        event.setTestMode(true);
        event.setBody("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"createdAt\":" + System.currentTimeMillis()
                + ",\"test\":true,\"eventData\":{\"type\":\"payment.created\",\"version\":\"2022-02-18\",\"data\":"
                + "{\"id\":\"pay_demo_" + orderId + "\",\"object\":\"payment\",\"order\":\"" + smartpayOrderId + "\"}}}");
        event.setStatus(WebhookEventStatus.DEAD);
        event.setAttempts(8);
        event.setLastError("CannotCreateTransactionException: the database was unavailable (demo)");
        Date now = new Date();
        event.setReceivedAt(now);
        event.setUpdatedAt(now);
        inbox.insertIfAbsent(event);
    }

    /** Buys one or two products on the storefront and approves the payment on the hosted page; returns the order id. */
    private long buy(String email, String lastName, String firstName, Product first, int firstQuantity,
            Product second, int secondQuantity) {
        AdminHttpSession shopper = new AdminHttpSession(storeUrl);
        shopper.get("/");
        expect(shopper.post("/cart/add/" + first.getId(), Map.of("quantity", String.valueOf(firstQuantity))), 302, "add to cart");
        if (second != null) {
            expect(shopper.post("/cart/add/" + second.getId(), Map.of("quantity", String.valueOf(secondQuantity))), 302, "add to cart");
        }
        Map<String, String> address = new LinkedHashMap<>();
        address.put("email", email);
        address.put("lastName", lastName);
        address.put("firstName", firstName);
        expect(shopper.post("/cart/checkout", address), 302, "checkout");
        String hostedPage = location(expect(shopper.post(DemoStoreController.SMARTPAY_START, Map.of()), 302, "start"));
        String returnUrl = location(expect(shopper.post(hostedPage + "/approve", Map.of()), 303, "approve"));
        String confirmation = location(expect(shopper.get(returnUrl), 302, "return"));
        String orderNumber = confirmation.substring(confirmation.lastIndexOf('/') + 1);
        Order order = shop.orderByNumber(orderNumber);
        if (order == null) {
            throw new IllegalStateException("no order " + orderNumber + " after the Smartpay return");
        }
        return order.getId();
    }

    private long uncaptured(long orderId) {
        Order order = shop.order(orderId);
        long captured = 0;
        for (OperationOutcome row : operations.history(orderId)) {
            if (row.kind() != null && "CAPTURE".equals(row.kind().name()) && row.isSucceeded()) {
                captured += row.amount();
            }
        }
        return order.getTotal().getAmount().longValue() - captured;
    }

    private String number(long orderId) {
        return shop.order(orderId).getOrderNumber();
    }

    private static void check(OperationOutcome outcome, String what) {
        if (!outcome.isSucceeded()) {
            throw new IllegalStateException("demo " + what + " did not succeed: " + outcome);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String step) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("demo order, step '" + step + "': HTTP " + response.statusCode()
                    + " instead of " + status + " (" + response.uri() + ")");
        }
        return response;
    }

    private static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("no redirect from " + response.uri()));
        return location.startsWith("http") ? location : response.uri().resolve(location).toString();
    }
}
