package org.bnplkit.smartpay.checkout;

import org.apache.commons.lang3.StringUtils;
import org.bnplkit.smartpay.compat.PostalAddresses;
import org.bnplkit.smartpay.journal.InstallationIds;
import org.bnplkit.smartpay.checkout.SmartpayCheckoutException.Reason;
import org.bnplkit.smartpay.client.CaptureMethod;
import org.bnplkit.smartpay.client.CheckoutSessionCreateParams;
import org.bnplkit.smartpay.client.CustomerInfo;
import org.bnplkit.smartpay.client.LineItem;
import org.bnplkit.smartpay.client.LineItemKind;
import org.bnplkit.smartpay.client.ShippingInfo;
import org.bnplkit.smartpay.config.SmartpaySettings;
import org.bnplkit.smartpay.money.AmountMismatchException;
import org.bnplkit.smartpay.money.CheckoutAmounts;
import org.bnplkit.smartpay.money.CheckoutBreakdown;
import org.bnplkit.smartpay.money.CheckoutLine;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.order.domain.DiscreteOrderItem;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.profile.core.domain.Address;
import org.broadleafcommerce.profile.core.domain.Customer;
import org.broadleafcommerce.profile.core.domain.CustomerAttribute;
import org.springframework.stereotype.Component;

import javax.annotation.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A priced Broadleaf cart as a Smartpay checkout session: every item (name, unit price, quantity, SKU
 * reference, product URL and brand), item and order discounts as discount items, the tax as a tax item,
 * the shipping charge as the shipping fee, the customer (e-mail, names, kana names, phone) and the
 * Japanese shipping address. Amounts come from {@code money.CheckoutAmounts}, so they add up exactly to the
 * order total or the cart is refused.
 *
 * <p>Kana names are read from the customer attributes {@value #FIRST_NAME_KANA} / {@value #LAST_NAME_KANA}
 * (Broadleaf 3.1 has no kana fields); the prefecture is the address's State name.
 */
@Component("blSmartpayCheckoutSessionMapper")
public class CheckoutSessionMapper {

    public static final String FIRST_NAME_KANA = "firstNameKana";
    public static final String LAST_NAME_KANA = "lastNameKana";
    /** Metadata key linking the Smartpay order back to the Broadleaf order. */
    public static final String METADATA_ORDER_ID = "broadleafOrderId";
    public static final String METADATA_CUSTOMER_ID = "broadleafCustomerId";
    /**
     * This store's installation id (journal.InstallationIds) on every checkout: the orphan job and the webhook
     * completion act only on Smartpay orders that carry it, never on another store's sharing the account.
     */
    public static final String METADATA_INSTALLATION = "broadleafInstallation";

    @Resource(name = "blSmartpaySettings")
    protected SmartpaySettings settings;

    @Resource(name = "blSmartpayInstallationIds")
    protected InstallationIds installationIds;

    /** The session request and a digest of everything in it (for the Idempotency-Key). */
    public static final class MappedSession {
        private final CheckoutSessionCreateParams params;
        private final CheckoutBreakdown breakdown;
        private final String digest;

        MappedSession(CheckoutSessionCreateParams params, CheckoutBreakdown breakdown, String digest) {
            this.params = params;
            this.breakdown = breakdown;
            this.digest = digest;
        }

        public CheckoutSessionCreateParams params() {
            return params;
        }

        public CheckoutBreakdown breakdown() {
            return breakdown;
        }

        public long total() {
            return breakdown.total();
        }

        /** Hex SHA-256 of the request's content, stable across JVMs. */
        public String digest() {
            return digest;
        }
    }

    /**
     * @param storefrontBaseUrl e.g. "https://shop.example.jp" (no trailing slash), for absolute product URLs
     * @throws SmartpayCheckoutException CART_NOT_PAYABLE when the figures do not add up or break Smartpay limits
     */
    public MappedSession map(Order cart, String successUrl, String cancelUrl, CaptureMethod captureMethod,
                             String storefrontBaseUrl) throws SmartpayCheckoutException {
        boolean japanese = !"en".equals(settings.locale());
        CheckoutBreakdown breakdown;
        try {
            breakdown = CheckoutAmounts.breakdown(OrderFigures.of(cart,
                    japanese ? "割引" : "Discount",
                    japanese ? "ご注文割引" : "Order discount",
                    japanese ? "消費税" : "Tax"));
        } catch (AmountMismatchException e) {
            throw new SmartpayCheckoutException(Reason.CART_NOT_PAYABLE,
                    "Order " + cart.getId() + " does not add up for Smartpay: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SmartpayCheckoutException(Reason.CART_NOT_PAYABLE,
                    "Order " + cart.getId() + " cannot be paid with Smartpay: " + e.getMessage(), e);
        }

        Map<String, OrderItem> itemsByReference = new HashMap<String, OrderItem>();
        for (OrderItem item : cart.getOrderItems()) {
            itemsByReference.put(OrderFigures.reference(item), item);
        }

        Map<String, String> metadata = new LinkedHashMap<String, String>();
        metadata.put(METADATA_ORDER_ID, String.valueOf(cart.getId()));
        metadata.put(METADATA_INSTALLATION, installationIds.id());
        if (cart.getCustomer() != null && cart.getCustomer().getId() != null) {
            metadata.put(METADATA_CUSTOMER_ID, String.valueOf(cart.getCustomer().getId()));
        }

        CheckoutSessionCreateParams.Builder params = CheckoutSessionCreateParams.builder()
                .amount(breakdown.total())
                .currency(SmartpayCheckoutAvailability.JPY)
                .captureMethod(captureMethod)
                .successUrl(successUrl)
                .cancelUrl(cancelUrl)
                .reference(String.valueOf(cart.getId()))
                .metadata(metadata)
                .customerInfo(customer(cart))
                .shippingInfo(shipping(cart, breakdown.shippingFee()));
        if (settings.locale() != null) {
            params.locale(settings.locale());
        }
        for (CheckoutLine line : breakdown.allLines()) {
            LineItem.Builder item = LineItem.builder()
                    .name(line.name())
                    .amount(line.unitAmount())
                    .currency(SmartpayCheckoutAvailability.JPY)
                    .quantity(line.quantity())
                    .kind(kind(line.kind()))
                    .reference(line.reference());
            OrderItem source = line.kind() == CheckoutLine.Kind.PRODUCT ? itemsByReference.get(line.reference()) : null;
            Product product = source instanceof DiscreteOrderItem ? ((DiscreteOrderItem) source).getProduct() : null;
            if (product != null) {
                if (StringUtils.isNotBlank(product.getUrl()) && storefrontBaseUrl != null) {
                    item.url(absolute(storefrontBaseUrl, product.getUrl()));
                }
                if (StringUtils.isNotBlank(product.getManufacturer())) {
                    item.brand(product.getManufacturer());
                }
            }
            params.item(item.build());
        }
        CheckoutSessionCreateParams built = params.build();
        return new MappedSession(built, breakdown, digest(built));
    }

    private static LineItemKind kind(CheckoutLine.Kind kind) {
        switch (kind) {
            case DISCOUNT:
                return LineItemKind.DISCOUNT;
            case TAX:
                return LineItemKind.TAX;
            default:
                return LineItemKind.PRODUCT;
        }
    }

    private CustomerInfo customer(Order cart) {
        Customer customer = cart.getCustomer();
        Address address = SmartpayCheckoutAvailability.shippingAddress(cart);
        CustomerInfo.Builder info = CustomerInfo.builder();
        String email = StringUtils.defaultIfBlank(cart.getEmailAddress(), customer == null ? null : customer.getEmailAddress());
        info.emailAddress(StringUtils.trimToNull(email));
        String firstName = customer == null ? null : customer.getFirstName();
        String lastName = customer == null ? null : customer.getLastName();
        if (StringUtils.isBlank(firstName) && StringUtils.isBlank(lastName) && address != null) {
            firstName = address.getFirstName();
            lastName = address.getLastName();
        }
        info.firstName(StringUtils.trimToNull(firstName)).lastName(StringUtils.trimToNull(lastName));
        if (customer != null && customer.getCustomerAttributes() != null) {
            info.firstNameKana(attribute(customer, FIRST_NAME_KANA)).lastNameKana(attribute(customer, LAST_NAME_KANA));
        }
        if (address != null) {
            String phone = address.getPrimaryPhone();
            if (StringUtils.isBlank(phone) && address.getPhonePrimary() != null) {
                phone = address.getPhonePrimary().getPhoneNumber();
            }
            info.phoneNumber(StringUtils.trimToNull(phone));
        }
        if (customer != null && customer.getId() != null && customer.isRegistered()) {
            info.reference(String.valueOf(customer.getId()));
            Date created = customer.getAuditable() == null ? null : customer.getAuditable().getDateCreated();
            if (created != null) {
                long days = TimeUnit.MILLISECONDS.toDays(System.currentTimeMillis() - created.getTime());
                info.accountAge((int) Math.max(0, days));
            }
        }
        return info.build();
    }

    private static String attribute(Customer customer, String name) {
        CustomerAttribute attribute = customer.getCustomerAttributes().get(name);
        return attribute == null ? null : StringUtils.trimToNull(attribute.getValue());
    }

    private static ShippingInfo shipping(Order cart, long fee) {
        Address address = SmartpayCheckoutAvailability.shippingAddress(cart);
        ShippingInfo.Builder shipping = ShippingInfo.builder()
                .feeAmount(fee)
                .feeCurrency(SmartpayCheckoutAvailability.JPY)
                .address(address(address));
        for (FulfillmentGroup group : cart.getFulfillmentGroups()) {
            if (group.getAddress() == address && group.getFulfillmentOption() != null
                    && StringUtils.isNotBlank(group.getFulfillmentOption().getName())) {
                shipping.carrierName(group.getFulfillmentOption().getName());
            }
        }
        return shipping.build();
    }

    /** Postal code, prefecture (the line's region: compat.PostalAddresses) → administrativeArea, city → locality, street lines; JP. */
    static org.bnplkit.smartpay.client.Address address(Address address) {
        String prefecture = PostalAddresses.region(address);
        return org.bnplkit.smartpay.client.Address.builder()
                .postalCode(StringUtils.trimToNull(address.getPostalCode()))
                .administrativeArea(StringUtils.trimToNull(prefecture))
                .locality(StringUtils.trimToNull(address.getCity()))
                .line1(StringUtils.trimToNull(address.getAddressLine1()))
                .line2(StringUtils.trimToNull(address.getAddressLine2()))
                .line3(StringUtils.trimToNull(address.getAddressLine3()))
                .country("JP")
                .build();
    }

    private static String absolute(String base, String path) {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return path;
        }
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    /** SHA-256 over the request's JSON-independent content; enum names, not hash codes, so it is stable. */
    static String digest(CheckoutSessionCreateParams p) {
        StringBuilder s = new StringBuilder();
        s.append(p.amount()).append('|').append(p.currency()).append('|').append(p.captureMethod() == null ? "" : p.captureMethod().name())
                .append('|').append(p.successUrl()).append('|').append(p.cancelUrl()).append('|').append(p.reference())
                .append('|').append(p.locale()).append('|').append(p.metadata());
        for (LineItem item : p.items()) {
            s.append("|item:").append(item.kind() == null ? "" : item.kind().name()).append(',').append(item.name())
                    .append(',').append(item.amount()).append(',').append(item.quantity()).append(',').append(item.reference())
                    .append(',').append(item.url()).append(',').append(item.brand());
        }
        CustomerInfo c = p.customerInfo();
        if (c != null) {
            s.append("|customer:").append(c.emailAddress()).append(',').append(c.firstName()).append(',').append(c.lastName())
                    .append(',').append(c.firstNameKana()).append(',').append(c.lastNameKana()).append(',').append(c.phoneNumber())
                    .append(',').append(c.reference());
        }
        ShippingInfo sh = p.shippingInfo();
        if (sh != null) {
            s.append("|shipping:").append(sh.feeAmount()).append(',').append(sh.carrierName());
            org.bnplkit.smartpay.client.Address a = sh.address();
            if (a != null) {
                s.append(',').append(a.postalCode()).append(',').append(a.administrativeArea()).append(',').append(a.locality())
                        .append(',').append(a.line1()).append(',').append(a.line2()).append(',').append(a.line3());
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : hash) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
