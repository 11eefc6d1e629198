package org.bnplkit.smartpay.demo62;

import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mvn -q -Pdemo}: the demo on Broadleaf 6.2 — Broadleaf's own DemoSite (Heat Clinic) with the module installed
 * as docs/installation-6.2.md says, selling in yen, against the offline Smartpay sandbox, seeded with two orders paid
 * through the storefront's checkout; runs until Ctrl-C. Ports: -Ddemo.port (the storefront's HTTP port, 8080; HTTPS
 * 8443), admin 8444 (HTTP 8081), the DemoSite's database 9001, the sandbox -Dsandbox.port (8787).
 */
public final class Demo62Main {

    static final String READY_MARKER = "SMARTPAY-DEMO62-READY";

    private Demo62Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        DemoSiteApps.Ports ports = new DemoSiteApps.Ports(Integer.getInteger("demo.httpsPort", 8443), Integer.getInteger("demo.port", 8080),
                Integer.getInteger("demo.adminHttpsPort", 8444), Integer.getInteger("demo.adminPort", 8081),
                Integer.getInteger("demo.databasePort", 9001), Integer.getInteger("sandbox.port", 8787));
        System.out.println("Smartpay demo on Broadleaf 6.2 (the 3.1 demo: mvn -q -Pdemo -Ddemo.line=3.1)");
        SmartpayDemoSite demo = SmartpayDemoSite.start(Paths.get("target", "demo62"), ports, line -> System.out.println("  ... " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            System.out.println("Demo stopped.");
            stopped.countDown();
        }, "smartpay-demo62-shutdown"));
        System.out.println("  ... two orders through the storefront's checkout and the sandbox's hosted page");
        for (int quantity = 1; quantity <= 2; quantity++) {
            String order = new HeatClinicShopper(ports.storefront()).buyWithSmartpay(quantity);
            System.out.println("      order " + order + " authorized");
        }
        System.out.println();
        System.out.println("  Storefront      : " + ports.storefront() + "/   (Broadleaf's DemoSite; self-signed certificate)");
        System.out.println("                    put a product in the cart, check out as a guest with a Japanese address,");
        System.out.println("                    and the payment step shows 'Pay with Smartpay'");
        System.out.println("  Broadleaf admin : " + ports.admin() + "/login   (login admin / admin)");
        System.out.println("  Orders          : " + ports.admin() + "/order");
        System.out.println("  Smartpay        : " + ports.admin() + "/smartpay-health , /smartpay-attention");
        System.out.println("  Smartpay sandbox: " + ports.sandboxApi() + "   (offline Smartpay, key " + SmartpayDemoSite.SECRET_KEY + ")");
        System.out.println("  Webhooks        : the sandbox delivers to " + ports.webhook());
        System.out.println("  Logs            : " + demo.logs());
        System.out.println("  Ctrl-C stops everything.");
        System.out.println(READY_MARKER);
        System.out.flush();
        stopped.await();
    }
}
