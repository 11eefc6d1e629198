package org.bnplkit.smartpay.demo62;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bnplkit.smartpay.sandbox.SmartpaySandbox;

/**
 * The 6.2 demo, whole: the offline Smartpay sandbox (in this JVM), and Broadleaf's own DemoSite with the module
 * installed by docs/installation-6.2.md, built, its site and admin running (their own JVMs).
 */
final class SmartpayDemoSite implements AutoCloseable {

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
