package org.bnplkit.smartpay.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bnplkit.smartpay.demo.AdminHttpSession;
import org.bnplkit.smartpay.demo.DemoServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.web.util.HtmlUtils;

/**
 * docs/installation.md followed by a machine: a store skeleton shaped like the 3.1 DemoSite gets every marked snippet of
 * the guide (StoreSkeleton), the sandbox runs from its standalone jar as the guide's command says, the store boots from
 * its own web.xml files and runtime-properties (InstalledStore, a child JVM), and the guide's "Check it" list (§8) runs
 * over HTTP: no WARN line, the button on the checkout page rendered from the guide's template snippet, a sandbox
 * checkout, an admin capture and refund, the sandbox's signed webhooks accepted. The only changes to the snippets are
 * the doc's example addresses (the sandbox's 127.0.0.1:8787, the shop's https://shop.example.jp) swapped for this
 * run's. InstallationGuideTest shows that a wrong snippet is refused.
 *
 * <p>To see what a wrong guide does to the store itself: {@code -Dinstall.guide=<a changed copy of the guide>
 * -Dinstall.skipChecks=true} installs that copy and boots it without the checks InstallChecks makes first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallationGuideIT {

    private static final Path WORK = Paths.get("target", "install-skeletons");
    private static final String ADMIN_LOGIN = "admin";

    private static Process sandbox;
    private static String sandboxRoot;
    private static StoreSkeleton store;
    private static DemoServerProcess server;
    private static long orderId;

    @BeforeAll
    static void installAndBoot() throws Exception {
        InstallationGuide guide = System.getProperty("install.guide") == null ? InstallationGuide.read()
                : InstallationGuide.parse(new String(Files.readAllBytes(Paths.get(System.getProperty("install.guide"))), StandardCharsets.UTF_8));
        Path jar = Paths.get("..", "sandbox", "target", InstallChecks.sandboxJar(guide));
        assertTrue(Files.exists(jar), "the guide's sandbox jar is the sandbox's artifact: " + jar.toAbsolutePath());
        String sandboxApi = startSandbox(jar);
        sandboxRoot = sandboxApi.replaceFirst("/v1$", "");
        int port = freePort();
        store = StoreSkeleton.create(WORK)
                .placeholder("127.0.0.1:8787", URI.create(sandboxApi).getAuthority())
                .placeholder("https://shop.example.jp", "http://127.0.0.1:" + port)
                .install(guide);
        if (!Boolean.getBoolean("install.skipChecks")) {
            InstallChecks.verify(store, guide);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("install.store", store.root().toAbsolutePath().toString());
        properties.put("demo.port", String.valueOf(port));
        server = DemoServerProcess.start("installation-guide-it", InstalledStore.class, properties);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (sandbox != null) {
            sandbox.destroy();
        }
        if (store != null) {
            store.delete();
        }
    }

    @Test
    @Order(1)
    void theModuleStartedUsable() throws IOException {
        for (String line : Files.readAllLines(server.log(), StandardCharsets.UTF_8)) {
            assertFalse(line.contains("Smartpay is unavailable"), "§8.1: the store logged " + line);
        }
    }

    @Test
    @Order(2)
    void theButtonIsOnTheCheckoutPageAndASandboxCheckoutCompletes() {
        AdminHttpSession shopper = new AdminHttpSession(server.baseUrl());
        Matcher product = Pattern.compile("action=\"(/cart/add/\\d+)\"").matcher(shopper.get("/").body());
        assertTrue(product.find(), "the store lists its goods");
        assertEquals(302, shopper.post(product.group(1), Map.of("quantity", "2")).statusCode(), "add to cart");
        assertEquals(302, shopper.post("/cart/checkout",
                Map.of("email", "hanako@example.jp", "lastName", "山田", "firstName", "花子")).statusCode(), "shipping address");

        HttpResponse<String> checkout = shopper.get("/checkout");
        assertEquals(200, checkout.statusCode(), checkout.body());
        String label = ResourceBundle.getBundle("messages/SmartpayMessages", Locale.ROOT).getString("smartpay.button");
        Matcher button = Pattern.compile("<a [^>]*href=\"([^\"]+)\"[^>]*>\\s*" + Pattern.quote(label) + "\\s*</a>").matcher(checkout.body());
        assertTrue(button.find(), "§8.2: the button, labelled from the module's messages, on the checkout page:\n" + checkout.body());
        assertTrue(button.group(1).endsWith("/smartpay/start"), button.group(0));

        // the shopper left Smartpay's page once: the checkout page shows why, once (the DemoSite's page already shows it)
        HttpResponse<String> cancelled = shopper.get("/smartpay/cancel");
        Matcher error = Pattern.compile("PAYMENT_PROCESSING_ERROR=([\\w.]+)").matcher(location(cancelled));
        assertTrue(error.find(), "a cancel goes back to the checkout page with its message key: " + location(cancelled));
        String message = ResourceBundle.getBundle("messages/SmartpayMessages", Locale.ROOT).getString(error.group(1));
        String page = HtmlUtils.htmlUnescape(shopper.get(location(cancelled)).body());
        assertEquals(1, page.split(Pattern.quote(message), -1).length - 1, "the message shown once: " + message + "\n" + page);

        HttpResponse<String> start = shopper.get(button.group(1));
        assertEquals(302, start.statusCode(), "the button starts a Smartpay checkout: " + start.body());
        String hostedPage = location(start);
        assertTrue(hostedPage.startsWith(sandboxRoot + "/checkout/"), "§8.3: the sandbox's checkout page, not " + hostedPage);
        HttpResponse<String> approved = shopper.post(hostedPage + "/approve", Map.of());
        assertEquals(303, approved.statusCode(), "the sandbox's Approve button");
        HttpResponse<String> returned = shopper.get(location(approved));
        assertEquals(302, returned.statusCode(), returned.body());
        String confirmation = location(returned).replace(server.baseUrl(), "");
        assertTrue(confirmation.startsWith("/confirmation/"), "§8.3: back on the confirmation page, not " + confirmation);
        String confirmed = shopper.get(confirmation).body();
        Matcher id = Pattern.compile("data-order-id=\"(\\d+)\"").matcher(confirmed);
        assertTrue(id.find() && confirmed.contains("SUBMITTED"), confirmed);
        orderId = Long.parseLong(id.group(1));
    }

    @Test
    @Order(3)
    void theAdminCapturesAndRefunds() {
        assertTrue(orderId > 0, "needs the order of the checkout step");
        AdminHttpSession admin = new AdminHttpSession(server.baseUrl() + "/admin");
        assertEquals(302, admin.login(ADMIN_LOGIN, ADMIN_LOGIN).statusCode(), "admin login");
        admin.get("/order/" + orderId + "?blLocaleCode=en_US");
        String order = admin.get("/order/" + orderId).body();
        Matcher payment = Pattern.compile("data-fieldvalue=\"Smartpay\" data-fieldname=\"gatewayType\"").matcher(order);
        assertTrue(payment.find(), "§8.4: under Payments, a payment of gateway Smartpay");
        Matcher paymentLink = Pattern.compile("data-link=\"[^\"]*/(payments/\\d+)\"").matcher(order);
        assertTrue(paymentLink.find(), "the payment row links to its details");
        assertTrue(admin.get("/order/" + orderId + "/" + paymentLink.group(1)).body()
                .contains("data-fieldvalue=\"Authorize\" data-fieldname=\"type\""), "§8.4: the payment's AUTHORIZE transaction");
        String panel = admin.get("/order/" + orderId + "/smartpay/panel").body();
        long authorized = figure(panel, "smartpay-authorized");
        assertTrue(authorized > 0, "§8.4: the panel shows the amount authorized:\n" + panel);

        HttpResponse<String> capture = admin.postWithCsrf("/order/" + orderId + "/smartpay/capture",
                form("amount", String.valueOf(authorized), "requestId", requestId(admin, "capture")));
        assertEquals(200, capture.statusCode(), "§8.4: capture: " + capture.body());
        HttpResponse<String> refund = admin.postWithCsrf("/order/" + orderId + "/smartpay/refund",
                form("amount", "1000", "reason", "requested_by_customer", "requestId", requestId(admin, "refund")));
        assertEquals(200, refund.statusCode(), "§8.4: refund: " + refund.body());

        String after = admin.get("/order/" + orderId + "/smartpay/panel").body();
        assertEquals(authorized, figure(after, "smartpay-captured"), "captured");
        assertEquals(1_000, figure(after, "smartpay-refunded"), "refunded");
    }

    @Test
    @Order(4)
    void theSandboxsSignedWebhooksAreAccepted() throws Exception {
        assertTrue(orderId > 0, "needs the order of the checkout step (its payment's events are what the sandbox delivers)");
        String endpoint = server.baseUrl() + "/smartpay/webhook";
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode deliveries = null;
        boolean accepted = false;
        while (!accepted && System.currentTimeMillis() < deadline) {
            HttpResponse<String> log = http.send(HttpRequest.newBuilder(URI.create(sandboxRoot + "/__sandbox/webhook-deliveries")).build(),
                    HttpResponse.BodyHandlers.ofString());
            deliveries = new ObjectMapper().readTree(log.body()).get("data");
            for (JsonNode d : deliveries) {
                accepted |= endpoint.equals(d.get("url").asText()) && d.get("statusCode").asInt() == 200;
            }
            if (!accepted) {
                Thread.sleep(200);
            }
        }
        assertTrue(accepted, "§8.5: a signed delivery to " + endpoint + " answered 200: " + deliveries);
        for (JsonNode d : deliveries) {
            int status = d.get("statusCode").asInt();
            assertTrue(status != 503 && status != 400, "§8.5: no delivery refused (503: no endpoint, 400: signature): " + d);
        }
        for (String line : Files.readAllLines(server.log(), StandardCharsets.UTF_8)) {
            assertFalse(line.contains("reach the DispatcherServlet"), "§3: the webhook filter answers deliveries first: " + line);
        }

        // processed, as the admin's Smartpay > Health page tells: the endpoint registered, a webhook processed, none waiting
        ResourceBundle texts = ResourceBundle.getBundle("messages/SmartpayAdminMessages", Locale.ROOT);
        Pattern lastProcessed = Pattern.compile(Pattern.quote(texts.getString("smartpay.health.lastProcessed")) + "</th>\\s*<td>([^<]*)</td>");
        Pattern waiting = Pattern.compile("smartpay-health-webhook-backlog[^>]*>.*?<span class=\"smartpay-count\">(\\d+)</span>", Pattern.DOTALL);
        AdminHttpSession admin = new AdminHttpSession(server.baseUrl() + "/admin");
        assertEquals(302, admin.login(ADMIN_LOGIN, ADMIN_LOGIN).statusCode(), "admin login");
        String health = "";
        boolean processed = false;
        while (!processed && System.currentTimeMillis() < deadline + 60_000) {
            health = admin.get("/smartpay-health?blLocaleCode=en_US").body();
            Matcher last = lastProcessed.matcher(health);
            Matcher backlog = waiting.matcher(health);
            processed = last.find() && !last.group(1).trim().equals(texts.getString("smartpay.health.never"))
                    && backlog.find() && backlog.group(1).equals("0");
            if (!processed) {
                Thread.sleep(200);
            }
        }
        assertTrue(processed, "§8.5: Smartpay > Health shows a webhook processed and none waiting:\n" + health);
        assertTrue(health.contains(endpoint), "§8.5: Health lists the registered endpoint " + endpoint);
    }

    private static String requestId(AdminHttpSession admin, String action) {
        HttpResponse<String> modal = admin.get("/order/" + orderId + "/smartpay/" + action);
        assertEquals(200, modal.statusCode(), action + " form: " + modal.body());
        Matcher m = Pattern.compile("name=\"requestId\" value=\"([^\"]+)\"").matcher(modal.body());
        assertTrue(m.find(), "the " + action + " form carries its request id");
        return m.group(1);
    }

    private static long figure(String panel, String cssClass) {
        Matcher m = Pattern.compile("class=\"" + cssClass + "\">([^<]*)<").matcher(panel);
        assertTrue(m.find(), cssClass + " in the panel:\n" + panel);
        return Long.parseLong(m.group(1).replaceAll("[^0-9]", ""));
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
        return location.startsWith("http") ? location : response.uri().resolve(location).toString();
    }

    /** {@code java -jar <the sandbox's standalone jar>} on a free port; returns its API base URL once it says it is ready. */
    private static String startSandbox(Path jar) throws Exception {
        Path log = Paths.get("target", "demo-logs", "installation-guide-sandbox.log");
        Files.createDirectories(log.getParent());
        sandbox = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsandbox.port=0", "-jar", jar.toAbsolutePath().toString()).redirectErrorStream(true).start();
        Process started = sandbox;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "installation-guide-sandbox-stop"));
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    if (line.startsWith("Smartpay sandbox ready: ")) {
                        ready.complete(line.substring("Smartpay sandbox ready: ".length()).trim());
                    }
                }
                ready.completeExceptionally(new IllegalStateException("the sandbox ended before it was ready; see " + log));
            } catch (IOException e) {
                ready.completeExceptionally(new UncheckedIOException(e));
            }
        }, "installation-guide-sandbox");
        pump.setDaemon(true);
        pump.start();
        return ready.get(2, TimeUnit.MINUTES);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
