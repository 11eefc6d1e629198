package org.bnplkit.smartpay.admin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.bnplkit.smartpay.config.SmartpayFields;
import org.bnplkit.smartpay.config.SmartpayPaymentGatewayType;
import org.broadleafcommerce.common.currency.domain.BroadleafCurrency;
import org.broadleafcommerce.common.currency.domain.BroadleafCurrencyImpl;
import org.broadleafcommerce.common.currency.service.BroadleafCurrencyService;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.PaymentType;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.service.OrderPaymentService;
import org.broadleafcommerce.profile.core.domain.Customer;
import org.broadleafcommerce.profile.core.service.CustomerService;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders in the 6.2 admin's database as the admin finds them after a Smartpay checkout (an active Smartpay payment
 * with its successful AUTHORIZE naming the Smartpay order), made through Broadleaf's own services; and the session of
 * a logged-in admin. The admin screens read only these records (the panel's {@code live=false}), so no Smartpay runs.
 */
final class Admin62Orders {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final ApplicationContext admin;

    Admin62Orders(ApplicationContext admin) {
        this.admin = admin;
    }

    /** A submitted-looking order paid with Smartpay: {@code yen} authorized at Smartpay order {@code smartpayOrderId}. */
    long smartpayOrder(long yen, String smartpayOrderId) {
        return inTransaction(() -> {
            Order order = newOrder();
            OrderPaymentService payments = admin.getBean("blOrderPaymentService", OrderPaymentService.class);
            Money amount = new Money(BigDecimal.valueOf(yen), "JPY");
            OrderPayment payment = payments.create();
            payment.setOrder(order);
            payment.setType(PaymentType.THIRD_PARTY_ACCOUNT);
            payment.setPaymentGatewayType(SmartpayPaymentGatewayType.SMARTPAY);
            payment.setAmount(amount);
            PaymentTransaction authorization = payments.createTransaction();
            authorization.setType(PaymentTransactionType.AUTHORIZE);
            authorization.setSuccess(true);
            authorization.setAmount(amount);
            authorization.setDate(new Date());
            Map<String, String> fields = new HashMap<>();
            fields.put(SmartpayFields.ORDER_ID, smartpayOrderId);
            fields.put(SmartpayFields.MODE, "test");
            authorization.setAdditionalFields(fields);
            authorization.setOrderPayment(payment);
            payment.addTransaction(authorization);
            order.getPayments().add(payments.save(payment));
            return save(order).getId();
        });
    }

    /** An order with no payment at all. */
    long orderWithoutSmartpay() {
        return inTransaction(() -> save(newOrder()).getId());
    }

    private Order newOrder() {
        CustomerService customers = admin.getBean("blCustomerService", CustomerService.class);
        Customer customer = customers.createNewCustomer();
        int n = SEQUENCE.incrementAndGet();
        customer.setUsername("admin62-shopper-" + n + "-" + System.nanoTime());
        customer.setEmailAddress(customer.getUsername() + "@example.jp");
        customer = customers.saveCustomer(customer);
        Order order = admin.getBean("blOrderService", OrderService.class).createNewCartForCustomer(customer);
        order.setCurrency(jpy());
        order.setEmailAddress(customer.getEmailAddress());
        return order;
    }

    private Order save(Order order) {
        try {
            return admin.getBean("blOrderService", OrderService.class).save(order, false);
        } catch (Exception e) {
            throw new IllegalStateException("could not save the test order", e);
        }
    }

    private BroadleafCurrency jpy() {
        BroadleafCurrencyService currencies = admin.getBean("blCurrencyService", BroadleafCurrencyService.class);
        BroadleafCurrency existing = currencies.findCurrencyByCode("JPY");
        if (existing != null) {
            return existing;
        }
        BroadleafCurrency currency = new BroadleafCurrencyImpl();
        currency.setCurrencyCode("JPY");
        currency.setFriendlyName("Japanese yen");
        return currencies.save(currency);
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        PlatformTransactionManager transactions = admin.getBean("blTransactionManager", PlatformTransactionManager.class);
        return new TransactionTemplate(transactions).execute(status -> work.get());
    }

    /**
     * The session of admin {@code user} after login: Spring Security's context with the comma-separated
     * {@code authorities}, Broadleaf's CSRF token and (6.2) its state version token.
     */
    static MockHttpSession adminSession(String user, String authorities, String csrfToken, String stateVersionToken) {
        List<GrantedAuthority> granted = new ArrayList<>();
        for (String authority : authorities.split(",")) {
            granted.add(new SimpleGrantedAuthority(authority.trim()));
        }
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(new UsernamePasswordAuthenticationToken(user, null, granted)));
        session.setAttribute("csrfToken", csrfToken);
        session.setAttribute("stateVersionToken", stateVersionToken);
        return session;
    }
}
