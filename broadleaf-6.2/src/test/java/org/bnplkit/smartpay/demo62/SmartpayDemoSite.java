package org.bnplkit.smartpay.demo62;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.bnplkit.smartpay.sandbox.WebhookDelivery;

/**
 * The 6.2 demo, whole: the offline Smartpay sandbox (in this JVM), and Broadleaf's own DemoSite with the module
 * installed by docs/installation-6.2.md, built, its site and admin running (their own JVMs).
 */
final class SmartpayDemoSite implements AutoCloseable {

    private static final Pattern SANDBOX_ORDER = Pattern.compile("\"(order_test_[A-Za-z0-9]+)\"");

    /** The demo's merchant: any sk_test_ key is a merchant of its own in the sandbox. */
    static final String SECRET_KEY = "sk_test_demosite62";

    private final SmartpaySandbox sandbox;
    private final DemoSiteApps apps;
    private final DemoSiteApps.Ports ports;
    private final DemoSiteBuild build;

    private SmartpayDemoSite(SmartpaySandbox sandbox, DemoSiteBuild build, DemoSiteApps apps, DemoSiteApps.Ports ports) {
        this.sandbox = sandbox;
        this.build = build;
        this.apps = apps;
        this.ports = ports;
    }

    /** Starts the sandbox, installs the module into a fresh DemoSite copy under {@code work}, builds and starts it. */
    static SmartpayDemoSite start(Path work, DemoSiteApps.Ports ports, Progress progress) {
        SmartpaySandbox sandbox = SmartpaySandbox.builder().port(ports.sandbox())
                .webhookRetries(5, Duration.ofSeconds(1), Duration.ofSeconds(30)).start();
        try {
            DemoSiteBuild build = new DemoSiteBuild(DemoSiteBuild.broadleaf62FromSystemProperty(), work);
            progress.say("installing the module into a copy of Broadleaf's 6.2 DemoSite (" + build.store() + ")");
            build.prepare(settings(ports));
            progress.say("building the store (mvn install; log in " + build.logs() + ")");
            build.build();
            progress.say("starting the DemoSite's site, then its admin (logs in " + build.logs() + ")");
            DemoSiteApps apps = DemoSiteApps.start(build, ports);
            return new SmartpayDemoSite(sandbox, build, apps, ports);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /** The values of docs/installation-6.2.md's properties snippet, then the demo's own (sandbox, webhook on HTTP). */
    static Map<String, String> settings(DemoSiteApps.Ports ports) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gateway.smartpay.secretKey", SECRET_KEY);
        settings.put("gateway.smartpay.storefrontBaseUrl", ports.storefront());
        settings.put("gateway.smartpay.apiBaseUrl", ports.sandboxApi());
        // the DemoSite's HTTPS certificate is self-signed (and expired): the sandbox delivers over plain HTTP
        settings.put("gateway.smartpay.webhook.url", ports.webhook());
        return settings;
    }

    /** An order a shopper paid on the storefront: its number, its Smartpay order, Broadleaf's id, the delivery that said so. */
    record PaidOrder(String orderNumber, String sandboxOrderId, String broadleafOrderId, WebhookDelivery authorized) {
    }

    /**
     * A new shopper buys {@code quantity} sauces with Smartpay on the storefront; returns once the sandbox has delivered
     * the order's {@code order.authorized} webhook to the site (whatever the site answered).
     */
    PaidOrder buyWithSmartpay(int quantity) {
        int deliveriesBefore = sandbox.webhookDeliveries().size();
        String orderNumber = new HeatClinicShopper(ports.storefront()).buyWithSmartpay(quantity);
        WebhookDelivery authorized = sandbox.awaitWebhookDeliveries(deliveriesBefore + 1, Duration.ofSeconds(60)).stream()
                .skip(deliveriesBefore).filter(d -> d.type().equals("order.authorized")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no order.authorized delivery for order " + orderNumber));
        Matcher id = SANDBOX_ORDER.matcher(authorized.body());
        if (!id.find()) {
            throw new IllegalStateException("no Smartpay order id in " + authorized.body());
        }
        return new PaidOrder(orderNumber, id.group(1), sandbox.order(id.group(1)).reference(), authorized);
    }

    SmartpaySandbox sandbox() {
        return sandbox;
    }

    DemoSiteApps.Ports ports() {
        return ports;
    }

    Path logs() {
        return build.logs();
    }

    @Override
    public void close() {
        try {
            apps.close();
        } finally {
            sandbox.close();
        }
    }

    /** Where the demo says what it is doing (the console, or a test's log). */
    interface Progress {
        void say(String line);
    }
}
