package org.bnplkit.smartpay.testing;

import org.broadleafcommerce.common.web.BroadleafRequestContext;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.web.order.CartState;
import org.broadleafcommerce.profile.web.core.CustomerState;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.support.XmlWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.servlet.ServletException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The storefront as a shopper's browser sees it: requests go through a real {@link DispatcherServlet}
 * over the site servlet context (the module's controller with the store's mvc:annotation-driven), with
 * what the 3.1 DemoSite's filters would have set up: an open EntityManager for the request
 * (OpenEntityManagerInViewFilter), Broadleaf's request context with the cart's currency, and the
 * shopper's cart and customer (CartStateFilter / CustomerStateFilter).
 *
 * <pre>{@code
 * Storefront.Response r = ctx.storefront().get("/smartpay/start", cart.getId());
 * r.redirectedUrl();                        // Smartpay's checkout page
 * r.queryParam("PAYMENT_PROCESSING_ERROR"); // on refusals: a smartpay.error.* key
 * }</pre>
 */
public final class Storefront {

    public static final String HOST = "shop.example.jp";

    private final BroadleafTestContext ctx;
    private final DispatcherServlet dispatcher;

    Storefront(BroadleafTestContext ctx, XmlWebApplicationContext servletContext) {
        this.ctx = ctx;
        this.dispatcher = new DispatcherServlet(servletContext);
        try {
            dispatcher.init(new MockServletConfig(servletContext.getServletContext(), "site"));
        } catch (ServletException e) {
            throw new IllegalStateException("DispatcherServlet did not start", e);
        }
    }

    /** GET {@code pathAndQuery} as the owner of cart {@code cartId} (null: a shopper without cart). */
    public Response get(String pathAndQuery, Long cartId) {
        return perform("GET", pathAndQuery, cartId);
    }

    public Response post(String pathAndQuery, Long cartId) {
        return perform("POST", pathAndQuery, cartId);
    }

    /** An absolute URL of this storefront (as Smartpay redirects to it): its path and query are requested. */
    public Response follow(String absoluteUrl, Long cartId) {
        UriComponents uri = UriComponentsBuilder.fromHttpUrl(absoluteUrl).build();
        String query = uri.getQuery();
        return get(uri.getPath() + (query == null ? "" : "?" + query), cartId);
    }

    public Response perform(String method, String pathAndQuery, Long cartId) {
        UriComponents uri = UriComponentsBuilder.fromUriString(pathAndQuery).build();
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri.getPath());
        request.setServerName(HOST);
        request.setServerPort(80);
        request.setScheme("http");
        request.setServletPath(uri.getPath());
        request.setQueryString(uri.getQuery());
        for (Map.Entry<String, List<String>> param : uri.getQueryParams().entrySet()) {
            request.addParameter(param.getKey(), param.getValue().toArray(new String[0]));
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        inRequest(request, response, cartId, () -> {
            try {
                dispatcher.service(request, response);
            } catch (ServletException | IOException e) {
                throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
            }
            return null;
        });
        return new Response(response);
    }

    /**
     * Runs {@code work} inside a storefront request of the owner of cart {@code cartId}, without a
     * controller: e.g. to render a template that reads {@code CartState}.
     */
    public <T> T asShopper(Long cartId, Supplier<T> work) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/checkout");
        request.setServerName(HOST);
        return inRequest(request, new MockHttpServletResponse(), cartId, work);
    }

    private <T> T inRequest(MockHttpServletRequest request, MockHttpServletResponse response, Long cartId, Supplier<T> work) {
        EntityManagerFactory emf = ctx.bean("entityManagerFactory", EntityManagerFactory.class);
        EntityManager em = emf.createEntityManager();
        TransactionSynchronizationManager.bindResource(emf, new EntityManagerHolder(em));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        BroadleafRequestContext previous = BroadleafRequestContext.getBroadleafRequestContext();
        BroadleafRequestContext brc = new BroadleafRequestContext();
        brc.setRequest(request);
        brc.setResponse(response);
        brc.setWebRequest(new ServletWebRequest(request, response));
        BroadleafRequestContext.setBroadleafRequestContext(brc);
        try {
            if (cartId != null) {
                Order cart = ctx.bean("blOrderService", OrderService.class).findOrderById(cartId);
                brc.setBroadleafCurrency(cart.getCurrency());
                CartState.setCart(cart);
                CustomerState.setCustomer(cart.getCustomer());
            }
            return work.get();
        } finally {
            BroadleafRequestContext.setBroadleafRequestContext(previous);
            RequestContextHolder.resetRequestAttributes();
            TransactionSynchronizationManager.unbindResource(emf);
            em.close();
        }
    }

    /** What the browser gets back. */
    public static final class Response {
        private final MockHttpServletResponse response;

        Response(MockHttpServletResponse response) {
            this.response = response;
        }

        public int status() {
            return response.getStatus();
        }

        /** The Location of a redirect, or null. */
        public String redirectedUrl() {
            return response.getRedirectedUrl();
        }

        /** Path of the redirect target ("/checkout", "/confirmation/2026...", ...). */
        public String redirectPath() {
            String url = redirectedUrl();
            if (url == null) {
                return null;
            }
            return url.startsWith("http") ? UriComponentsBuilder.fromHttpUrl(url).build().getPath()
                    : UriComponentsBuilder.fromUriString(url).build().getPath();
        }

        /** A query parameter of the redirect target (e.g. PAYMENT_PROCESSING_ERROR), or null. */
        public String queryParam(String name) {
            String url = redirectedUrl();
            if (url == null) {
                return null;
            }
            UriComponents uri = url.startsWith("http") ? UriComponentsBuilder.fromHttpUrl(url).build()
                    : UriComponentsBuilder.fromUriString(url).build();
            return uri.getQueryParams().getFirst(name);
        }

        public MockHttpServletResponse raw() {
            return response;
        }

        @Override
        public String toString() {
            return "Response{status=" + status() + ", redirect=" + redirectedUrl() + "}";
        }
    }
}
