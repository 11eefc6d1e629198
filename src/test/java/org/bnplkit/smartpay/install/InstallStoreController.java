package org.bnplkit.smartpay.install;

import org.bnplkit.smartpay.demo.DemoShop;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.web.order.CartState;
import org.broadleafcommerce.profile.core.domain.Customer;
import org.broadleafcommerce.profile.web.core.CustomerState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The install test's stand-in for the DemoSite's cart and checkout controllers: the catalog, add to cart, a checkout
 * step that takes the shopper's e-mail and name and ships to Tokyo, the checkout page rendered from the store's
 * Thymeleaf template {@code checkout/checkout} (where the guide put the button), and the confirmation page.
 */
@Controller
public class InstallStoreController {

    @Autowired
    private ApplicationContext context;

    @RequestMapping(value = "/", method = RequestMethod.GET, produces = "text/html;charset=UTF-8")
    @ResponseBody
    public String catalog() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><h1>Store</h1>");
        for (Product product : new DemoShop(context).products()) {
            html.append("<form method=\"post\" action=\"/cart/add/").append(product.getId()).append("\">")
                .append(product.getId()).append("<button type=\"submit\">Add</button></form>");
        }
        return html.append("</body></html>").toString();
    }

    @RequestMapping(value = "/cart/add/{productId}", method = RequestMethod.POST)
    public String add(@PathVariable("productId") long productId, @RequestParam(value = "quantity", defaultValue = "1") int quantity) {
        Order cart = CartState.getCart();
        Long cartId = cart == null ? null : cart.getId();
        CartState.setCart(new DemoShop(context).addToCart(cartId, CustomerState.getCustomer(), productId, quantity));
        return "redirect:/checkout";
    }

    @RequestMapping(value = "/cart/checkout", method = RequestMethod.POST)
    public String shipping(@RequestParam("email") String email, @RequestParam("lastName") String lastName,
            @RequestParam("firstName") String firstName) {
        Order cart = CartState.getCart();
        if (cart == null || cart.getId() == null) {
            return "redirect:/";
        }
        CartState.setCart(new DemoShop(context).prepareForCheckout(cart.getId(), email, lastName, firstName));
        return "redirect:/checkout";
    }

    @RequestMapping(value = "/checkout", method = RequestMethod.GET)
    public String checkout(Model model) {
        Order cart = CartState.getCart();
        if (cart == null || cart.getId() == null) {
            return "redirect:/";
        }
        model.addAttribute("cart", new DemoShop(context).order(cart.getId()));
        return "checkout/checkout";
    }

    @RequestMapping(value = "/confirmation/{orderNumber}", method = RequestMethod.GET, produces = "text/html;charset=UTF-8")
    @ResponseBody
    public String confirmation(@PathVariable("orderNumber") String orderNumber) {
        Order order = new DemoShop(context).orderByNumber(orderNumber);
        Customer shopper = CustomerState.getCustomer();
        if (order == null || shopper == null || !order.getCustomer().getId().equals(shopper.getId())) {
            return "<!DOCTYPE html><html><body><p>No such order.</p></body></html>";
        }
        return "<!DOCTYPE html><html><body><p class=\"confirmation\" data-order-id=\"" + order.getId() + "\">Order "
                + order.getOrderNumber() + " is " + order.getStatus().getType() + ", total " + order.getTotal().getAmount()
                + "</p></body></html>";
    }
}
