package org.bnplkit.smartpay.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.servlet.ServletException;

import org.bnplkit.smartpay.checkout.SmartpayCartLink;
import org.bnplkit.smartpay.client.ListParams;
import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.client.WebhookEndpoint;
import org.bnplkit.smartpay.client.webhook.SmartpayHeaders;
import org.bnplkit.smartpay.client.webhook.WebhookSignature;
import org.bnplkit.smartpay.config.SmartpayClientProvider;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.bnplkit.smartpay.journal.JobLeases;
import org.bnplkit.smartpay.journal.SmartpayNotices;
import org.bnplkit.smartpay.journal.WebhookEndpoints;
import org.bnplkit.smartpay.journal.WebhookInbox;
import org.bnplkit.smartpay.money.Yen;
import org.bnplkit.smartpay.operations.SmartpayOperationsSettings;
import org.bnplkit.smartpay.reconcile.SmartpayReconcileJob;
import org.bnplkit.smartpay.reconcile.SmartpayReconcileSettings;
import org.bnplkit.smartpay.reconcile.SmartpayReconciler;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.sandbox.WebhookDelivery;
import org.bnplkit.smartpay.testing.BroadleafTestContext;
import org.bnplkit.smartpay.testing.Storefront;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.web.context.support.XmlWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import com.sun.net.httpserver.HttpServer;

/**
 * What the webhook and reconciliation suites share: the real Broadleaf context and sandbox of the harness, paid
 * orders made through the real storefront (start → approve → return), the webhook endpoint reached through a
 * DispatcherServlet over the site servlet context (the module's servlet XML: the real request mapping), and a
 * loopback HTTP receiver registered at the sandbox that hands each delivery to that servlet.
 */
public final class WebhookTestSupport {

    /** Smartpay's documented test secret (smartpay-api.md §9): configured for hand-signed deliveries. */
    static final String HAND_SECRET = "gybcsjixKyBW2d4z6iNPlaYzHUMtawnodwZt3W0q";

    static final BroadleafTestContext ctx = BroadleafTestContext.get();
    private static DispatcherServlet dispatcher;
    private static Receiver receiver;

    private WebhookTestSupport() {
    }

    static SmartpaySandbox sandbox() {
        return ctx.sandbox();
    }

    static SmartpayClient client() {
        return ctx.bean("blSmartpayClientProvider", SmartpayClientProvider.class).client();
    }

    static WebhookInbox inbox() {
        return ctx.bean("blSmartpayWebhookInbox", WebhookInbox.class);
    }

    static SmartpayNotices notices() {
        return ctx.bean("blSmartpayNotices", SmartpayNotices.class);
    }

    static SmartpayWebhookProcessor processor() {
        return ctx.bean("blSmartpayWebhookProcessor", SmartpayWebhookProcessor.class);
    }

    static SmartpayWebhookSweeper sweeper() {
        return ctx.bean("blSmartpayWebhookSweeper", SmartpayWebhookSweeper.class);
    }

    static SmartpayReconciler reconciler() {
        return ctx.bean("blSmartpayReconciler", SmartpayReconciler.class);
    }

    static SmartpayReconcileJob reconcileJob() {
        return ctx.bean("blSmartpayReconcileJob", SmartpayReconcileJob.class);
    }

    static JobLeases leases() {
        return ctx.bean("blSmartpayJobLeases", JobLeases.class);
    }

    /**
     * Settings of these suites: the hand secret, fast retries, no background sweeps or passes (tests drive them), the
     * operations' retry worker off.
     */
    public static void baseline() {
        ctx.properties().reset();
        ctx.properties().set(SmartpayWebhookSettings.SIGNING_SECRET, HAND_SECRET);
        ctx.properties().set(SmartpayWebhookSettings.INITIAL_BACKOFF_MS, "200");
        ctx.properties().set(SmartpayWebhookSettings.MAX_BACKOFF_MS, "1000");
        ctx.properties().set(SmartpayWebhookSettings.SWEEP_ENABLED, "false");
        ctx.properties().set(SmartpayWebhookSettings.COMPLETE_CHECKOUT_AFTER_SECONDS, "0");
        ctx.properties().set(SmartpayReconcileSettings.ENABLED, "false");
        ctx.properties().set(SmartpayOperationsSettings.WORKER_ENABLED, "false");
        if (receiver != null) {
            ctx.properties().set(SmartpayWebhookSettings.ALLOWED_URLS, receiver.url()); // the store as this JVM reaches it
        }
        sandbox().clearFaults();
    }

    // ---- orders ----------------------------------------------------------------------------------------------

    /** A cart whose Smartpay checkout was started (not approved yet). */
    static Checkout startedCheckout(long unitPrice, int quantity) {
        Order cart = ctx.fixtures().cart().item("Webhook item " + System.nanoTime(), unitPrice, quantity)
                .shipping("Yamato", 660).build();
        Storefront.Response start = ctx.storefront().get("/smartpay/start", cart.getId());
        assertNotNull(start.redirectedUrl(), "start did not redirect: " + start);
        String smartpayOrderId = ctx.inTransaction(() -> SmartpayCartLink.of(ctx.fixtures().reload(cart.getId())).smartpayOrderId());
        return new Checkout(cart.getId(), smartpayOrderId, sandbox().order(smartpayOrderId).amount());
    }

    /** The shopper's return from Smartpay, as the browser makes it. */
    static Storefront.Response browserReturn(Checkout checkout) {
        return ctx.storefront().get("/smartpay/return?order=" + checkout.orderId(), checkout.orderId());
    }

    /** A submitted order paid with Smartpay (manual capture): start, approve, return. */
    static Checkout paidOrder(long unitPrice, int quantity) {
        Checkout checkout = startedCheckout(unitPrice, quantity);
        sandbox().approve(checkout.smartpayOrderId());
        browserReturn(checkout);
        assertEquals(OrderStatus.SUBMITTED, status(checkout.orderId()), "the checkout did not complete");
        return checkout;
    }

    static OrderStatus status(Long orderId) {
        return ctx.inTransaction(() -> ctx.fixtures().reload(orderId).getStatus());
    }

    /** Successful transactions of the order's active Smartpay payments. */
    static List<Tx> transactions(Long orderId) {
        return ctx.inTransaction(() -> {
            List<Tx> out = new ArrayList<>();
            Order order = ctx.bean("blOrderService", OrderService.class).findOrderById(orderId);
            for (OrderPayment p : order.getPayments()) {
                if (!p.isActive() || !SmartpayPaymentGatewayType.SMARTPAY.equals(p.getGatewayType())) {
                    continue;
                }
                for (PaymentTransaction tx : p.getTransactions()) {
                    if (Boolean.TRUE.equals(tx.getSuccess())) {
                        out.add(new Tx(tx.getId(), tx.getType(), Yen.of(tx.getAmount().getAmount()),
                                tx.getParentTransaction() == null ? null : tx.getParentTransaction().getId(),
                                new HashMap<>(tx.getAdditionalFields())));
                    }
                }
            }
            out.sort((a, b) -> a.id().compareTo(b.id()));
            return out;
        });
    }

    static List<Tx> transactions(Long orderId, PaymentTransactionType type) {
        return transactions(orderId).stream().filter(t -> t.type().equals(type)).toList();
    }

    /** Active Smartpay payments of an order. */
    static int activeSmartpayPayments(Long orderId) {
        return ctx.inTransaction(() -> (int) ctx.bean("blOrderService", OrderService.class).findOrderById(orderId).getPayments()
                .stream().filter(p -> p.isActive() && SmartpayPaymentGatewayType.SMARTPAY.equals(p.getGatewayType())).count());
    }

    // ---- the endpoint ----------------------------------------------------------------------------------------

    /** POST /smartpay/webhook through a DispatcherServlet over the site servlet context. */
    static MockHttpServletResponse post(byte[] body, Map<String, String> headers) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/smartpay/webhook");
        request.setServletPath("/smartpay/webhook");
        request.setContentType("application/json");
        request.setContent(body);
        headers.forEach(request::addHeader);
        return service(request);
    }

    static MockHttpServletResponse service(MockHttpServletRequest request) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            dispatcher().service(request, response);
        } catch (ServletException | IOException e) {
            throw new IllegalStateException("POST /smartpay/webhook failed", e);
        }
        return response;
    }

    private static synchronized DispatcherServlet dispatcher() {
        if (dispatcher == null) {
            XmlWebApplicationContext servlet = (XmlWebApplicationContext) ctx.siteServlet();
            dispatcher = new DispatcherServlet(servlet);
            try {
                dispatcher.init(new MockServletConfig(servlet.getServletContext(), "webhooks"));
            } catch (ServletException e) {
                throw new IllegalStateException(e);
            }
        }
        return dispatcher;
    }

    /** The four Smartpay headers of a delivery of {@code body} signed with {@code secret} at {@code timestampMillis}. */
    static Map<String, String> signedHeaders(byte[] body, String secret, long timestampMillis, String eventId) {
        String timestamp = Long.toString(timestampMillis);
        Map<String, String> headers = new HashMap<>();
        headers.put(SmartpayHeaders.SIGNATURE, WebhookSignature.compute(secret, timestamp, body));
        headers.put(SmartpayHeaders.SIGNATURE_TIMESTAMP, timestamp);
        if (eventId != null) {
            headers.put(SmartpayHeaders.EVENT_ID, eventId);
        }
        return headers;
    }

    /** A delivery recorded by the sandbox, replayed byte for byte with its own signature and timestamp. */
    static MockHttpServletResponse replay(WebhookDelivery delivery) {
        Map<String, String> headers = new HashMap<>();
        headers.put(SmartpayHeaders.SIGNATURE, delivery.signature());
        headers.put(SmartpayHeaders.SIGNATURE_TIMESTAMP, delivery.signatureTimestamp());
        headers.put(SmartpayHeaders.SUBSCRIPTION_ID, delivery.subscriptionId());
        headers.put(SmartpayHeaders.EVENT_ID, delivery.eventId());
        return post(delivery.body().getBytes(StandardCharsets.UTF_8), headers);
    }

    /** An event body the way Smartpay writes it. */
    static String eventBody(String eventId, String type, String dataJson) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"createdAt\":" + System.currentTimeMillis()
                + ",\"test\":true,\"eventData\":{\"type\":\"" + type + "\",\"version\":\"2022-02-18\",\"data\":" + dataJson + "}}";
    }

    // ---- the loopback receiver ---------------------------------------------------------------------------------

    /**
     * The store as Smartpay reaches it: a loopback HTTP server whose POST /smartpay/webhook goes to the DispatcherServlet
     * (raw body and headers as received). Registered at the sandbox once per JVM through the module's own registration.
     */
    static synchronized Receiver receiver() {
        if (receiver == null) {
            receiver = new Receiver();
            Runtime.getRuntime().addShutdownHook(new Thread(receiver::close));
        }
        return receiver;
    }

    /** Registers the receiver at the sandbox through the module's own registration (the suite's @BeforeAll). */
    public static synchronized Receiver registeredReceiver() {
        Receiver r = receiver();
        ctx.properties().set(SmartpayWebhookSettings.ALLOWED_URLS, r.url());
        ctx.bean("blSmartpayWebhookRegistration", SmartpayWebhookRegistration.class).register(r.url());
        r.paused.set(false);
        return r;
    }

    /**
     * Deletes the receiver's endpoints at the sandbox and retires them in the store (the suite's @AfterAll), so that
     * later suites of this JVM get no deliveries.
     */
    public static synchronized void unregisterReceiver() {
        if (receiver == null) {
            return;
        }
        WebhookEndpoints endpoints = ctx.bean("blSmartpayWebhookEndpoints", WebhookEndpoints.class);
        for (WebhookEndpoint endpoint : client().listWebhookEndpoints(ListParams.builder().maxResults(100).build()).data()) {
            if (receiver.url().equals(endpoint.url())) {
                client().deleteWebhookEndpoint(endpoint.id(), null);
                endpoints.deactivate(endpoint.id());
            }
        }
        sandbox().awaitWebhooksIdle(java.time.Duration.ofSeconds(10));
        awaitProcessing();
    }

    /** Pauses (503) or resumes the loopback receiver, if this JVM started one. */
    static synchronized void pauseReceiver(boolean pause) {
        if (receiver != null) {
            receiver.paused.set(pause);
        }
    }

    public static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        /** While paused the store answers 503 without looking (Smartpay retries later). */
        final AtomicBoolean paused = new AtomicBoolean();
        final AtomicInteger received = new AtomicInteger();

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "webhook-receiver");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/smartpay/webhook", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                int status;
                byte[] answer;
                if (paused.get()) {
                    status = 503;
                    answer = new byte[0];
                } else {
                    received.incrementAndGet();
                    MockHttpServletRequest request = new MockHttpServletRequest(exchange.getRequestMethod(), "/smartpay/webhook");
                    request.setServletPath("/smartpay/webhook");
                    request.setContent(body);
                    exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> request.addHeader(name, v)));
                    MockHttpServletResponse response = service(request);
                    status = response.getStatus();
                    answer = response.getContentAsByteArray();
                }
                exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                }
                exchange.close();
            });
            server.start();
        }

        public String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/smartpay/webhook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    // ---- waiting -----------------------------------------------------------------------------------------------

    static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            sleep(25);
        }
        fail("Timed out waiting for " + what);
        return null;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sandbox deliveries of one event type about one Smartpay object id (in the body), newest last. */
    static List<WebhookDelivery> deliveries(String type, String objectIdInBody) {
        return sandbox().webhookDeliveries().stream()
                .filter(d -> d.type().equals(type) && d.body().contains(objectIdInBody)).toList();
    }

    public static void awaitProcessing() {
        try {
            processor().awaitIdle(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Checkout(Long orderId, String smartpayOrderId, long total) {
    }

    record Tx(Long id, PaymentTransactionType type, long amount, Long parentId, Map<String, String> fields) {
        String field(String name) {
            return fields.get(name);
        }
    }

    static BigDecimal yen(long amount) {
        return BigDecimal.valueOf(amount);
    }
}
