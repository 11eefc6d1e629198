package org.bnplkit.smartpay.demo;

import javax.servlet.http.HttpServletResponse;

import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.web.order.CartState;
import org.broadleafcommerce.profile.web.core.CustomerState;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;

/** The demo storefront's pages: plain HTML, no templates. */
@Controller
public class DemoStoreController {

    @RequestMapping(value = "/", method = RequestMethod.GET, produces = "text/html;charset=UTF-8")
    @ResponseBody
    public String home(HttpServletResponse response) {
        Order cart = CartState.getCart();
        return "<html><body><h1>Demo store</h1><p>customer " + CustomerState.getCustomer().getId()
                + ", cart " + (cart == null ? "none" : cart.getId() + " " + cart.getStatus()) + "</p></body></html>";
    }
}
