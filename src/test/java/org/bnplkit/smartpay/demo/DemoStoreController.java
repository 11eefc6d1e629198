package org.bnplkit.smartpay.demo;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import javax.servlet.http.HttpServletRequest;

import org.bnplkit.smartpay.admin.YenFormat;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.order.domain.DiscreteOrderItem;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.web.order.CartState;
import org.broadleafcommerce.profile.core.domain.Customer;
import org.broadleafcommerce.profile.web.core.CustomerState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The demo storefront's own pages, as plain HTML: the catalog, the cart, a one-step checkout that fills in a Tokyo
 * shipping address and hands over to the module's Smartpay checkout ({@value #SMARTPAY_START}).
 */
@Controller
public class DemoStoreController {

    static final String SMARTPAY_START = "/smartpay/start";

    @Autowired
    private ApplicationContext context;

    private DemoShop shop() {
        return new DemoShop(context);
    }

    @RequestMapping(value = "/", method = RequestMethod.GET, produces = "text/html;charset=UTF-8")
    @ResponseBody
    public String catalog(HttpServletRequest request) {
        StringBuilder html = page("Smartpay demo store");
        html.append("<p class=\"intro\">Japanese goods, paid later with Smartpay (offline sandbox).</p><table class=\"goods\">");
        for (Product product : shop().products()) {
            html.append("<tr><td class=\"name\">").append(esc(product.getName())).append("</td><td class=\"price\">")
                .append(esc(yen(product.getDefaultSku().getRetailPrice()))).append(" <small>+ tax</small></td><td>")
                .append("<form method=\"post\" action=\"").append(esc(request.getContextPath())).append("/cart/add/")
                .append(product.getId()).append("\"><input type=\"number\" name=\"quantity\" value=\"1\" min=\"1\" max=\"9\"/>")
                .append("<button type=\"submit\" class=\"add-to-cart\">Add to cart</button></form></td></tr>");
        }
        html.append("</table>");
        return cartSummary(html, request).append("</body></html>").toString();
    }

    @RequestMapping(value = "/cart/add/{productId}", method = RequestMethod.POST)
    public String add(@PathVariable("productId") long productId, @RequestParam(value = "quantity", defaultValue = "1") int quantity) {
        Order cart = CartState.getCart();
        Long cartId = cart == null || cart.getId() == null ? null : cart.getId();
        Order updated = shop().addToCart(cartId, CustomerState.getCustomer(), productId, Math.max(1, Math.min(9, quantity)));
        CartState.setCart(updated);
        return "redirect:/cart";
    }

    @RequestMapping(value = "/cart", method = RequestMethod.GET, produces = "text/html;charset=UTF-8")
    @ResponseBody
    public String cart(HttpServletRequest request) {
        StringBuilder html = page("Your cart");
        Order cart = currentCart();
        if (cart == null || cart.getOrderItems().isEmpty()) {
            html.append("<p class=\"empty-cart\">Your cart is empty.</p><p><a href=\"").append(esc(request.getContextPath()))
                .append("/\">Back to the shop</a></p>");
            return html.append("</body></html>").toString();
        }
        lines(html, cart);
        html.append("<form method=\"post\" action=\"").append(esc(request.getContextPath())).append("/cart/checkout\">")
            .append("<p>E-mail <input type=\"email\" name=\"email\" value=\"hanako.yamada@example.jp\"/> ")
            .append("Name <input type=\"text\" name=\"lastName\" value=\"山田\"/> <input type=\"text\" name=\"firstName\" value=\"花子\"/></p>")
            .append("<p><small>Shipping to Shibuya, Tokyo by standard delivery (")
            .append(esc(YenFormat.format(DemoShop.SHIPPING_YEN))).append(").</small></p>")
            .append("<button type=\"submit\" class=\"checkout\">Checkout</button></form>");
        return html.append("</body></html>").toString();
    }

    @RequestMapping(value = "/cart/checkout", method = RequestMethod.POST)
    public String checkout(@RequestParam("email") String email, @RequestParam("lastName") String lastName,
            @RequestParam("firstName") String firstName) {
        Order cart = currentCart();
        if (cart == null || cart.getOrderItems().isEmpty()) {
            return "redirect:/cart";
        }
        CartState.setCart(shop().prepareForCheckout(cart.getId(), email.trim(), lastName.trim(), firstName.trim()));
        return "redirect:/checkout";
    }

    /**
     * The order review page: totals and the Smartpay button. The module's checkout controller sends the shopper
     * back here with {@code ?PAYMENT_PROCESSING_ERROR=<message key>} when Smartpay was declined or left.
     */
    @RequestMapping(value = "/checkout", method = RequestMethod.GET, produces = "text/html;charset=UTF-8")
    @ResponseBody
    public String review(HttpServletRequest request,
            @RequestParam(value = "PAYMENT_PROCESSING_ERROR", required = false) String error) {
        Order cart = currentCart();
        StringBuilder html = page("Checkout");
        if (error != null) {
            html.append("<p class=\"payment-error\" style=\"color:#b00020\">").append(esc(storeMessage(error))).append("</p>");
        }
        if (cart == null || cart.getOrderItems().isEmpty()) {
            return html.append("<p class=\"empty-cart\">Your cart is empty.</p></body></html>").toString();
        }
        lines(html, cart);
        html.append("<p>Shipping ").append(esc(yen(cart.getTotalShipping()))).append(", tax ")
            .append(esc(yen(cart.getTotalTax()))).append("</p><p class=\"order-total\">Total <strong>")
            .append(esc(yen(cart.getTotal()))).append("</strong></p>")
            .append("<form method=\"post\" action=\"").append(esc(request.getContextPath())).append(SMARTPAY_START).append("\">")
            .append("<button type=\"submit\" class=\"pay-with-smartpay\">Pay later with Smartpay</button></form>");
        return html.append("</body></html>").toString();
    }

    /** Where the module's checkout controller sends the shopper once Broadleaf submitted the order. */
    @RequestMapping(value = "/confirmation/{orderNumber}", method = RequestMethod.GET, produces = "text/html;charset=UTF-8")
    @ResponseBody
    public String confirmation(@PathVariable("orderNumber") String orderNumber) {
        Order order = shop().orderByNumber(orderNumber);
        Customer shopper = CustomerState.getCustomer();
        StringBuilder html = page("Thank you");
        if (order == null || order.getCustomer() == null || shopper == null
                || !order.getCustomer().getId().equals(shopper.getId())) {
            return html.append("<p>No such order.</p></body></html>").toString();
        }
        html.append("<p class=\"confirmation\">Order <strong class=\"order-number\">").append(esc(order.getOrderNumber()))
            .append("</strong> is confirmed (").append(esc(order.getStatus() == null ? "?" : order.getStatus().getType())).append("). Total ")
            .append(esc(yen(order.getTotal()))).append(", paid later with Smartpay.</p>");
        lines(html, order);
        return html.append("<p><a href=\"/\">Continue shopping</a></p></body></html>").toString();
    }

    /** The module's storefront messages (English) for its error keys; the key itself when unknown. */
    private static String storeMessage(String key) {
        try {
            return ResourceBundle.getBundle("messages/SmartpayMessages", Locale.ROOT).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    private Order currentCart() {
        Order cart = CartState.getCart();
        if (cart == null || cart.getId() == null) {
            return null;
        }
        return shop().order(cart.getId());
    }

    private StringBuilder cartSummary(StringBuilder html, HttpServletRequest request) {
        Order cart = currentCart();
        int count = 0;
        if (cart != null) {
            for (OrderItem item : cart.getOrderItems()) {
                count += item.getQuantity();
            }
        }
        return html.append("<p class=\"cart-link\"><a href=\"").append(esc(request.getContextPath())).append("/cart\">Cart (")
                .append(count).append(")</a></p>");
    }

    private static void lines(StringBuilder html, Order cart) {
        html.append("<table class=\"cart\">");
        List<OrderItem> items = cart.getOrderItems();
        for (OrderItem item : items) {
            String name = item instanceof DiscreteOrderItem ? ((DiscreteOrderItem) item).getSku().getName() : item.getName();
            html.append("<tr><td>").append(esc(name)).append("</td><td>× ").append(item.getQuantity())
                .append("</td><td class=\"price\">").append(esc(yen(item.getTotalPrice()))).append("</td></tr>");
        }
        html.append("<tr><td colspan=\"2\">Subtotal</td><td class=\"price subtotal\">").append(esc(yen(cart.getSubTotal())))
            .append("</td></tr></table>");
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"/><title>").append(esc(title))
                .append("</title><style>body{font-family:sans-serif;margin:24px;max-width:760px}td{padding:4px 10px}"
                        + ".price{text-align:right}button{margin-left:6px}</style></head><body><h1>")
                .append(esc(title)).append("</h1>");
    }

    private static String yen(Money money) {
        return money == null ? "-" : YenFormat.format(money.getAmount().longValue());
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
