package org.bnplkit.smartpay.demo62;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shopper on the DemoSite's own storefront (Broadleaf 6.2's site web layer: its cart and checkout controllers and
 * Heat Clinic templates), over HTTP as the pages' forms and scripts post: a product into the cart, checkout as a
 * guest, a Tokyo shipping address, then the module's button through the sandbox's hosted checkout.
 */
final class HeatClinicShopper {

    /** "Hoppin' Hot Sauce": the Heat Clinic's first product without a stock check (products 1 and 2 have none in stock). */
    static final String PRODUCT = "3";

    private static final Pattern SMARTPAY_LINK = Pattern.compile("<a [^>]*href=\"(/smartpay/start[^\"]*)\"[^>]*>[^<]*Smartpay");

    private final DemoSiteSession session;
    private final String storefront;

    HeatClinicShopper(String storefront) {
        this.storefront = storefront;
        this.session = new DemoSiteSession(storefront);
    }

    /** Puts {@code quantity} of the product into the cart through the product page's form (its JSON answer). */
    String addToCart(String productId, int quantity) {
        session.get("/hot-sauces");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("productId", productId);
        form.put("quantity", String.valueOf(quantity));
        HttpResponse<String> added = session.postWithCsrf("/cart/add", form,
                "Accept", "application/json", "X-Requested-With", "XMLHttpRequest");
        if (added.statusCode() != 200 || !added.body().contains("\"quantityAdded\"")) {
            throw new IllegalStateException("POST /cart/add answered " + added.statusCode() + ": " + added.body());
        }
        return added.body();
    }

    /** Checks out as a guest with a Tokyo address and standard shipping; returns the checkout page at its payment stage. */
    String checkoutPageWithTokyoAddress() {
        return checkoutPageWithAddressIn("JP", "Tokyo");
    }

    /** The same with the address in another country (ISO alpha-2) and region. */
    String checkoutPageWithAddressIn(String country, String region) {
        session.get("/checkout?guest-checkout=true");
        Map<String, String> address = new LinkedHashMap<>();
        address.put("address.isoCountryAlpha2", country);
        address.put("address.fullName", "Hanako Yamada");
        address.put("address.addressLine1", "1-2-3 Jingumae");
        address.put("address.city", "Shibuya-ku");
        address.put("address.stateProvinceRegion", region);
        address.put("address.postalCode", "150-0001");
        address.put("address.phonePrimary.phoneNumber", "0312345678");
        address.put("fulfillmentOptionId", "1");
        HttpResponse<String> shipped = session.postWithCsrf("/checkout/singleship", address);
        if (shipped.statusCode() >= 400) {
            throw new IllegalStateException("POST /checkout/singleship answered " + shipped.statusCode());
        }
        return checkoutPage();
    }

    String checkoutPage() {
        HttpResponse<String> page = session.get("/checkout?guest-checkout=true");
        if (page.statusCode() != 200) {
            throw new IllegalStateException("GET /checkout answered " + page.statusCode());
        }
        return page.body();
    }

    /** The link the module's button renders on the checkout page, or null when the button is hidden. */
    static String smartpayLink(String checkoutPage) {
        Matcher link = SMARTPAY_LINK.matcher(checkoutPage);
        return link.find() ? link.group(1) : null;
    }

    /** Follows the button: the module creates the checkout session and sends the shopper to the hosted page. */
    String startSmartpay(String link) {
        HttpResponse<String> start = session.get(link);
        String location = start.headers().firstValue("Location").orElse("");
        if (start.statusCode() != 302 || !location.contains("/checkout/")) {
            throw new IllegalStateException("GET " + link + " answered " + start.statusCode() + " to " + location);
        }
        return location;
    }

    /** Approves on the sandbox's hosted page (its approve form) and comes back; returns the confirmation page's URL. */
    String approveAndReturn(String hostedPage) {
        HttpResponse<String> approved = session.post(hostedPage + "/approve", Map.of());
        String back = approved.headers().firstValue("Location").orElse("");
        if (!back.startsWith(storefront + "/smartpay/return")) {
            throw new IllegalStateException("the hosted page's approval answered " + approved.statusCode() + " to " + back);
        }
        HttpResponse<String> returned = session.get(back);
        String confirmation = returned.headers().firstValue("Location").orElse("");
        if (returned.statusCode() != 302 || !confirmation.contains("/confirmation/")) {
            throw new IllegalStateException("the return answered " + returned.statusCode() + " to " + confirmation);
        }
        return confirmation;
    }

    HttpResponse<String> get(String path) {
        return session.get(path);
    }

    /** One order paid with Smartpay, start to finish; returns its order number. */
    String buyWithSmartpay(int quantity) {
        addToCart(PRODUCT, quantity);
        String link = smartpayLink(checkoutPageWithTokyoAddress());
        if (link == null) {
            throw new IllegalStateException("the checkout page shows no Smartpay button");
        }
        String confirmation = approveAndReturn(startSmartpay(link));
        return confirmation.substring(confirmation.lastIndexOf('/') + 1);
    }
}
