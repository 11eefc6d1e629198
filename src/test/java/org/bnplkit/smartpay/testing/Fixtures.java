package org.bnplkit.smartpay.testing;

import org.bnplkit.smartpay.testing.compat.OfferSetup;
import org.broadleafcommerce.common.currency.domain.BroadleafCurrency;
import org.broadleafcommerce.common.currency.domain.BroadleafCurrencyImpl;
import org.broadleafcommerce.common.currency.service.BroadleafCurrencyService;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.web.BroadleafRequestContext;
import org.broadleafcommerce.core.catalog.domain.Category;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.catalog.domain.Sku;
import org.broadleafcommerce.core.catalog.service.CatalogService;
import org.broadleafcommerce.core.catalog.service.type.ProductType;
import org.broadleafcommerce.core.offer.domain.Offer;
import org.broadleafcommerce.core.offer.domain.OfferCode;
import org.broadleafcommerce.core.offer.domain.OfferCodeImpl;
import org.broadleafcommerce.core.offer.domain.OfferImpl;
import org.broadleafcommerce.core.offer.domain.OfferItemCriteriaImpl;
import org.broadleafcommerce.core.offer.service.OfferService;
import org.broadleafcommerce.core.offer.service.type.OfferDiscountType;
import org.broadleafcommerce.core.offer.service.type.OfferType;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.FulfillmentOption;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.fulfillment.domain.FixedPriceFulfillmentOption;
import org.broadleafcommerce.core.order.fulfillment.domain.FixedPriceFulfillmentOptionImpl;
import org.broadleafcommerce.core.order.service.FulfillmentGroupService;
import org.broadleafcommerce.core.order.service.FulfillmentOptionService;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.call.OrderItemRequestDTO;
import org.broadleafcommerce.core.order.service.type.FulfillmentType;
import org.broadleafcommerce.profile.core.domain.Address;
import org.broadleafcommerce.profile.core.domain.Country;
import org.broadleafcommerce.profile.core.domain.CountryImpl;
import org.broadleafcommerce.profile.core.domain.Customer;
import org.broadleafcommerce.profile.core.domain.CustomerAttribute;
import org.broadleafcommerce.profile.core.domain.CustomerAttributeImpl;
import org.broadleafcommerce.profile.core.domain.State;
import org.broadleafcommerce.profile.core.domain.StateImpl;
import org.broadleafcommerce.profile.core.service.AddressService;
import org.broadleafcommerce.profile.core.service.CountryService;
import org.broadleafcommerce.profile.core.service.CustomerService;
import org.broadleafcommerce.profile.core.service.StateService;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Store data for tests, created through Broadleaf's own services and priced by Broadleaf's own
 * pricing workflow (10 % item tax from the test tax provider, fixed-price shipping).
 *
 * <pre>{@code
 * Fixtures f = BroadleafTestContext.get().fixtures();
 * Order cart = f.cart()
 *         .item("Matcha 100g", 1980, 2)
 *         .item("Tea bowl", 5500, 1)
 *         .shipping("Yamato", 660)
 *         .orderDiscount(500)     // optional: offer codes on this cart only
 *         .build();               // IN_PROCESS, JPY, priced by Broadleaf
 * Order reloaded = f.reload(cart.getId());
 * }</pre>
 *
 * Every call runs in its own transaction and returns detached entities; read lazy collections inside
 * {@code ctx.inTransaction(...)}. Names, e-mails and URLs are made unique per call, so tests may run in
 * any order against the shared database.
 */
public final class Fixtures {

    public static final String JPY = "JPY";
    public static final String CATEGORY_NAME = "Smartpay test goods";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final BroadleafTestContext ctx;

    Fixtures(BroadleafTestContext ctx) {
        this.ctx = ctx;
    }

    /** The JPY currency row (created once). */
    public BroadleafCurrency jpy() {
        return currency(JPY, "Japanese yen");
    }

    /** A currency row, e.g. currency("USD", "US Dollar") for non-JPY cases. */
    public BroadleafCurrency currency(String code, String name) {
        return ctx.inTransaction(() -> {
            BroadleafCurrencyService currencies = ctx.bean("blCurrencyService", BroadleafCurrencyService.class);
            BroadleafCurrency existing = currencies.findCurrencyByCode(code);
            if (existing != null) {
                return existing;
            }
            BroadleafCurrencyImpl currency = new BroadleafCurrencyImpl();
            currency.setCurrencyCode(code);
            currency.setFriendlyName(name);
            currency.setDefaultFlag(JPY.equals(code)); // a Japanese store's default currency
            return currencies.save(currency);
        });
    }

    /** An active, taxable product with one default SKU priced in JPY, in the test category. */
    public Sku sku(String name, long yen) {
        return sku(name, yen, JPY);
    }

    public Sku sku(String name, long price, String currencyCode) {
        BroadleafCurrency currency = currencyCode.equals(JPY) ? jpy() : currency(currencyCode, currencyCode);
        int n = SEQUENCE.incrementAndGet();
        return ctx.inTransaction(() -> {
            CatalogService catalog = ctx.bean("blCatalogService", CatalogService.class);
            Category category = category(catalog);
            Sku sku = catalog.createSku();
            sku.setName(name);
            sku.setDescription(name);
            sku.setRetailPrice(new Money(BigDecimal.valueOf(price), currencyCode));
            sku.setCurrency(currency);
            sku.setActiveStartDate(yesterday());
            sku.setDiscountable(true);
            sku.setTaxable(true);
            sku.setAvailable(true);
            sku = catalog.saveSku(sku);
            Product product = catalog.createProduct(ProductType.PRODUCT);
            product.setDefaultSku(sku);
            product.setDefaultCategory(category);
            product.setUrl("/goods/item-" + n);
            product.setManufacturer("Smartpay Test Brand");
            product = catalog.saveProduct(product);
            sku.setDefaultProduct(product);
            return catalog.saveSku(sku);
        });
    }

    /** A registered customer with a unique e-mail; kana names go into customer attributes. */
    public Customer customer(String firstName, String lastName) {
        return customer(firstName, lastName, null, null);
    }

    public Customer customer(String firstName, String lastName, String firstNameKana, String lastNameKana) {
        int n = SEQUENCE.incrementAndGet();
        return ctx.inTransaction(() -> {
            CustomerService customers = ctx.bean("blCustomerService", CustomerService.class);
            Customer customer = customers.createCustomer();
            customer.setFirstName(firstName);
            customer.setLastName(lastName);
            customer.setEmailAddress("shopper" + n + "." + System.nanoTime() + "@example.jp");
            customer.setUsername(customer.getEmailAddress());
            customer.setRegistered(true);
            if (firstNameKana != null) {
                customer.getCustomerAttributes().put("firstNameKana", attribute(customer, "firstNameKana", firstNameKana));
            }
            if (lastNameKana != null) {
                customer.getCustomerAttributes().put("lastNameKana", attribute(customer, "lastNameKana", lastNameKana));
            }
            return customers.saveCustomer(customer);
        });
    }

    /** A fixed-price shipping option in JPY. */
    public FulfillmentOption shippingOption(String name, long yen) {
        return shippingOption(name, yen, JPY);
    }

    public FulfillmentOption shippingOption(String name, long price, String currencyCode) {
        BroadleafCurrency currency = currencyCode.equals(JPY) ? jpy() : currency(currencyCode, currencyCode);
        return ctx.inTransaction(() -> {
            FixedPriceFulfillmentOption option = new FixedPriceFulfillmentOptionImpl();
            option.setName(name);
            option.setLongDescription(name);
            option.setPrice(new Money(BigDecimal.valueOf(price), currencyCode));
            option.setCurrency(currency);
            option.setFulfillmentType(FulfillmentType.PHYSICAL_SHIP);
            option.setUseFlatRates(false);
            option.setTaxable(false);
            return ctx.bean("blFulfillmentOptionService", FulfillmentOptionService.class).save(option);
        });
    }

    /** A Tokyo shipping address (Shibuya), unsaved fields only; {@link CartBuilder} saves it. */
    public JapaneseAddress tokyoAddress() {
        return new JapaneseAddress("山田", "花子", "150-0002", "JP-13", "東京都", "渋谷区", "渋谷2-21-1", "ヒカリエ 11F", "090-1234-5678");
    }

    public CartBuilder cart() {
        return new CartBuilder();
    }

    /** Adds a new product to an existing cart (as the shopper would in another tab) and reprices it. */
    public Order addItem(Long orderId, String name, long yen, int quantity) {
        Sku sku = sku(name, yen);
        BroadleafCurrency currency = jpy();
        return withRequestCurrency(currency, () -> ctx.inTransaction(() -> {
            try {
                return ctx.bean("blOrderService", OrderService.class).addItem(orderId,
                        new OrderItemRequestDTO(sku.getDefaultProduct().getId(), sku.getId(), quantity), true);
            } catch (Exception e) {
                throw new IllegalStateException("Could not add " + name + " to order " + orderId, e);
            }
        }));
    }

    public Order reload(Long orderId) {
        return ctx.inTransaction(() -> ctx.bean("blOrderService", OrderService.class).findOrderById(orderId));
    }

    private Category category(CatalogService catalog) {
        List<Category> existing = catalog.findCategoriesByName(CATEGORY_NAME);
        Category category = existing.isEmpty() ? null : existing.get(0);
        if (category == null) {
            category = catalog.createCategory();
            category.setName(CATEGORY_NAME);
            category.setActiveStartDate(yesterday());
            category.setUrl("/goods");
            category = catalog.saveCategory(category);
        }
        return category;
    }

    /**
     * Runs {@code work} with the thread's BroadleafRequestContext currency set, as the storefront's
     * currency resolver does for a shopper's request: Broadleaf's pricing creates zero amounts in
     * {@code Money.defaultCurrency()}, which is that currency (else USD).
     */
    public <T> T withRequestCurrency(BroadleafCurrency currency, Supplier<T> work) {
        BroadleafRequestContext request = BroadleafRequestContext.getBroadleafRequestContext();
        BroadleafCurrency previous = request.getBroadleafCurrency();
        request.setBroadleafCurrency(currency);
        try {
            return work.get();
        } finally {
            request.setBroadleafCurrency(previous);
        }
    }

    /** A code-delivered AMOUNT_OFF offer (so it applies only to the cart the code is added to). */
    private OfferCode offerCode(OfferType type, long yen, String targetRule) {
        OfferService offers = ctx.bean("blOfferService", OfferService.class);
        int n = SEQUENCE.incrementAndGet();
        Offer offer = new OfferImpl();
        offer.setName((type == OfferType.ORDER ? "Order" : "Item") + " discount " + n);
        offer.setType(type);
        offer.setDiscountType(OfferDiscountType.AMOUNT_OFF);
        offer.setValue(BigDecimal.valueOf(yen));
        offer.setStartDate(yesterday());
        offer.setEndDate(new Date(System.currentTimeMillis() + 86_400_000L));
        OfferSetup.codeOnly(offer);
        offer.setCombinableWithOtherOffers(true);
        offer.setPriority(10);
        if (targetRule != null) {
            OfferItemCriteriaImpl criteria = new OfferItemCriteriaImpl();
            criteria.setQuantity(1);
            criteria.setMatchRule(targetRule);
            OfferSetup.targetItems(offer, criteria);
        }
        offer = offers.save(offer);
        OfferCodeImpl code = new OfferCodeImpl();
        code.setOffer(offer);
        code.setOfferCode("SMARTPAY-TEST-" + n);
        code.setMaxUses(0);
        return offers.saveOfferCode(code);
    }

    private static CustomerAttribute attribute(Customer customer, String name, String value) {
        CustomerAttributeImpl attribute = new CustomerAttributeImpl();
        attribute.setCustomer(customer);
        attribute.setName(name);
        attribute.setValue(value);
        return attribute;
    }

    private static Date yesterday() {
        return new Date(System.currentTimeMillis() - 86_400_000L);
    }

    private Address saveAddress(JapaneseAddress a) {
        CountryService countries = ctx.bean("blCountryService", CountryService.class);
        Country japan = countries.findCountryByAbbreviation("JP");
        if (japan == null) {
            CountryImpl country = new CountryImpl();
            country.setAbbreviation("JP");
            country.setName("Japan");
            japan = countries.save(country);
        }
        StateService states = ctx.bean("blStateService", StateService.class);
        State prefecture = states.findStateByAbbreviation(a.prefectureCode());
        if (prefecture == null) {
            StateImpl state = new StateImpl();
            state.setAbbreviation(a.prefectureCode());
            state.setName(a.prefecture());
            state.setCountry(japan);
            prefecture = states.save(state);
        }
        AddressService addresses = ctx.bean("blAddressService", AddressService.class);
        Address address = addresses.create();
        address.setLastName(a.lastName());
        address.setFirstName(a.firstName());
        address.setPostalCode(a.postalCode());
        address.setState(prefecture);
        address.setCity(a.city());
        address.setAddressLine1(a.line1());
        address.setAddressLine2(a.line2());
        address.setCountry(japan);
        address.setPrimaryPhone(a.phone());
        return addresses.saveAddress(address);
    }

    /** A Japanese address: prefectureCode is the State row's key (e.g. JP-13), prefecture its name (東京都). */
    public record JapaneseAddress(String lastName, String firstName, String postalCode, String prefectureCode,
                                  String prefecture, String city, String line1, String line2, String phone) {
    }

    /** Builds an IN_PROCESS JPY cart through OrderService.addItem and prices it. */
    public final class CartBuilder {
        private Customer customer;
        private String currencyCode = JPY;
        private final List<Object[]> items = new ArrayList<>();
        private JapaneseAddress address = tokyoAddress();
        private FulfillmentOption shipping;
        private long orderDiscount;
        private final List<long[]> itemDiscounts = new ArrayList<>();

        private CartBuilder() {
        }

        /** An order-level "¥N off" offer, applied through an offer code on this cart only. */
        public CartBuilder orderDiscount(long yen) {
            this.orderDiscount = yen;
            return this;
        }

        /** "¥N off each unit" of the item added at {@code itemIndex} (0-based), through an offer code. */
        public CartBuilder itemDiscount(int itemIndex, long yenPerUnit) {
            itemDiscounts.add(new long[]{itemIndex, yenPerUnit});
            return this;
        }

        public CartBuilder customer(Customer customer) {
            this.customer = customer;
            return this;
        }

        /** Cart currency (default JPY); SKUs created by {@link #item(String, long, int)} use it too. */
        public CartBuilder currency(String currencyCode) {
            this.currencyCode = currencyCode;
            return this;
        }

        public CartBuilder item(Sku sku, int quantity) {
            items.add(new Object[]{sku, quantity});
            return this;
        }

        /** A new product priced {@code price} in the cart currency. */
        public CartBuilder item(String name, long price, int quantity) {
            items.add(new Object[]{name, price, quantity});
            return this;
        }

        public CartBuilder shipTo(JapaneseAddress address) {
            this.address = address;
            return this;
        }

        public CartBuilder shipping(FulfillmentOption option) {
            this.shipping = option;
            return this;
        }

        public CartBuilder shipping(String name, long yen) {
            return shipping(shippingOption(name, yen));
        }

        public Order build() {
            Customer owner = customer != null ? customer : Fixtures.this.customer("花子", "山田", "ハナコ", "ヤマダ");
            BroadleafCurrency currency = currencyCode.equals(JPY) ? jpy() : Fixtures.this.currency(currencyCode, currencyCode);
            List<Object[]> resolved = new ArrayList<>();
            for (Object[] item : items) {
                Sku sku = item[0] instanceof Sku s ? s : sku((String) item[0], (Long) item[1], currencyCode);
                resolved.add(new Object[]{sku, item[item.length - 1]});
            }
            FulfillmentOption option = shipping != null ? shipping
                    : shippingOption("Standard delivery", currencyCode.equals(JPY) ? 660 : 6, currencyCode);
            Long orderId = withRequestCurrency(currency, () -> ctx.inTransaction(() -> {
                OrderService orders = ctx.bean("blOrderService", OrderService.class);
                Order cart = orders.createNewCartForCustomer(owner);
                cart.setCurrency(currency);
                cart.setEmailAddress(owner.getEmailAddress());
                try {
                    cart = orders.save(cart, false);
                    for (Object[] item : resolved) {
                        Sku sku = (Sku) item[0];
                        cart = orders.addItem(cart.getId(),
                                new OrderItemRequestDTO(sku.getDefaultProduct().getId(), sku.getId(), (Integer) item[1]), true);
                    }
                    Address saved = saveAddress(address);
                    FulfillmentGroup group = cart.getFulfillmentGroups().get(0);
                    group.setAddress(saved);
                    group.setFulfillmentOption(ctx.bean("blFulfillmentOptionService", FulfillmentOptionService.class)
                            .readFulfillmentOptionById(option.getId()));
                    group.setType(FulfillmentType.PHYSICAL_SHIP);
                    ctx.bean("blFulfillmentGroupService", FulfillmentGroupService.class).save(group);
                    cart = orders.save(cart, true);
                    for (long[] discount : itemDiscounts) {
                        Sku sku = (Sku) resolved.get((int) discount[0])[0];
                        cart = orders.addOfferCode(cart, offerCode(OfferType.ORDER_ITEM, discount[1],
                                "discreteOrderItem.sku.id == " + sku.getId()), true);
                    }
                    if (orderDiscount > 0) {
                        cart = orders.addOfferCode(cart, offerCode(OfferType.ORDER, orderDiscount, null), true);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("Could not build the test cart", e);
                }
                return cart.getId();
            }));
            return reload(orderId);
        }
    }
}
