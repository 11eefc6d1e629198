package org.bnplkit.smartpay.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import org.broadleafcommerce.common.currency.domain.BroadleafCurrency;
import org.broadleafcommerce.common.currency.domain.BroadleafCurrencyImpl;
import org.broadleafcommerce.common.currency.service.BroadleafCurrencyService;
import org.broadleafcommerce.common.locale.domain.Locale;
import org.broadleafcommerce.common.locale.domain.LocaleImpl;
import org.broadleafcommerce.common.locale.service.LocaleService;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.web.BroadleafRequestContext;
import org.broadleafcommerce.core.catalog.domain.Category;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.catalog.domain.Sku;
import org.broadleafcommerce.core.catalog.service.CatalogService;
import org.broadleafcommerce.core.catalog.service.type.ProductType;
import org.broadleafcommerce.core.order.fulfillment.domain.FixedPriceFulfillmentOption;
import org.broadleafcommerce.core.order.fulfillment.domain.FixedPriceFulfillmentOptionImpl;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.FulfillmentOption;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.FulfillmentGroupService;
import org.broadleafcommerce.core.order.service.FulfillmentOptionService;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.call.OrderItemRequestDTO;
import org.broadleafcommerce.core.order.service.type.FulfillmentType;
import org.broadleafcommerce.profile.core.domain.Address;
import org.broadleafcommerce.profile.core.domain.Country;
import org.broadleafcommerce.profile.core.domain.CountryImpl;
import org.broadleafcommerce.profile.core.domain.Customer;
import org.broadleafcommerce.profile.core.domain.State;
import org.broadleafcommerce.profile.core.domain.StateImpl;
import org.broadleafcommerce.profile.core.service.AddressService;
import org.broadleafcommerce.profile.core.service.CountryService;
import org.broadleafcommerce.profile.core.service.CustomerService;
import org.broadleafcommerce.profile.core.service.StateService;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo shop's data and cart steps, through Broadleaf's own services of the demo's root context: a JPY catalog
 * of Japanese goods, one shipping option, customers with Japanese addresses, carts ready for checkout.
 */
public final class DemoShop {

    public static final String JPY = "JPY";
    static final String CATEGORY = "Smartpay demo goods";
    static final String MANUFACTURER = "Smartpay demo";
    static final String SHIPPING = "Standard delivery (Yamato)";
    static final long SHIPPING_YEN = 660;

    /** Name and tax-exclusive price in yen (10 % tax is added at checkout). */
    static final Object[][] GOODS = {
        {"Arita porcelain teacup", 3_300L},
        {"Nambu cast-iron kettle", 12_100L},
        {"Imabari towel set", 4_400L},
        {"Uji matcha 40 g", 2_160L},
        {"Hasami stoneware mug", 2_750L},
        {"Furoshiki wrapping cloth", 1_980L},
    };

    private final ApplicationContext root;
    private final TransactionTemplate tx;

    public DemoShop(ApplicationContext root) {
        this.root = root;
        this.tx = new TransactionTemplate(root.getBean("blTransactionManager", PlatformTransactionManager.class));
    }

    private <T> T bean(String name, Class<T> type) {
        return root.getBean(name, type);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    /** Currency, locale, catalog and shipping option; does nothing when the catalog exists already. */
    public void seedCatalog() {
        BroadleafCurrency yen = jpy();
        inTransaction(() -> {
            // Broadleaf's locale drives the admin's texts too: English by default, Japanese with ?blLocaleCode=ja_JP
            LocaleService locales = bean("blLocaleService", LocaleService.class);
            if (locales.findDefaultLocale() == null) {
                locales.save(locale("en_US", "English", true, yen));
                locales.save(locale("ja_JP", "日本語", false, yen));
            }
            return null;
        });
        if (!products().isEmpty()) {
            return;
        }
        for (Object[] good : GOODS) {
            product((String) good[0], (Long) good[1], yen);
        }
        inTransaction(() -> {
            FixedPriceFulfillmentOption option = new FixedPriceFulfillmentOptionImpl();
            option.setName(SHIPPING);
            option.setLongDescription(SHIPPING);
            option.setPrice(new Money(BigDecimal.valueOf(SHIPPING_YEN), JPY));
            option.setCurrency(yen);
            option.setFulfillmentType(FulfillmentType.PHYSICAL_SHIP);
            option.setUseFlatRates(false);
            option.setTaxable(false);
            return bean("blFulfillmentOptionService", FulfillmentOptionService.class).save(option);
        });
    }

    /** The demo's products (with their default SKU), in catalog order. */
    public List<Product> products() {
        return inTransaction(() -> {
            CatalogService catalog = bean("blCatalogService", CatalogService.class);
            List<Product> products = new ArrayList<>();
            for (Product p : catalog.findAllProducts()) {
                if (MANUFACTURER.equals(p.getManufacturer())) {
                    p.getDefaultSku().getRetailPrice(); // loaded while the session is open
                    products.add(p);
                }
            }
            products.sort((a, b) -> a.getId().compareTo(b.getId()));
            return products;
        });
    }

    private static Locale locale(String code, String name, boolean isDefault, BroadleafCurrency currency) {
        Locale locale = new LocaleImpl();
        locale.setLocaleCode(code);
        locale.setFriendlyName(name);
        locale.setDefaultFlag(isDefault);
        locale.setDefaultCurrency(currency);
        return locale;
    }

    public BroadleafCurrency jpy() {
        return inTransaction(() -> {
            BroadleafCurrencyService currencies = bean("blCurrencyService", BroadleafCurrencyService.class);
            BroadleafCurrency existing = currencies.findCurrencyByCode(JPY);
            if (existing != null) {
                return existing;
            }
            BroadleafCurrencyImpl currency = new BroadleafCurrencyImpl();
            currency.setCurrencyCode(JPY);
            currency.setFriendlyName("Japanese yen");
            currency.setDefaultFlag(true);
            return currencies.save(currency);
        });
    }

    private void product(String name, long yen, BroadleafCurrency currency) {
        inTransaction(() -> {
            CatalogService catalog = bean("blCatalogService", CatalogService.class);
            List<Category> categories = catalog.findCategoriesByName(CATEGORY);
            Category category;
            if (categories.isEmpty()) {
                category = catalog.createCategory();
                category.setName(CATEGORY);
                category.setActiveStartDate(yesterday());
                category.setUrl("/goods");
                category = catalog.saveCategory(category);
            } else {
                category = categories.get(0);
            }
            Sku sku = catalog.createSku();
            sku.setName(name);
            sku.setDescription(name);
            sku.setRetailPrice(new Money(BigDecimal.valueOf(yen), JPY));
            sku.setCurrency(currency);
            sku.setActiveStartDate(yesterday());
            sku.setDiscountable(true);
            sku.setTaxable(true);
            sku.setAvailable(true);
            sku = catalog.saveSku(sku);
            Product product = catalog.createProduct(ProductType.PRODUCT);
            product.setDefaultSku(sku);
            product.setDefaultCategory(category);
            product.setUrl("/goods/" + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            product.setManufacturer(MANUFACTURER);
            product = catalog.saveProduct(product);
            sku.setDefaultProduct(product);
            return catalog.saveSku(sku);
        });
    }

    /** A registered customer (unique e-mail per call). */
    public Customer customer(String firstName, String lastName, String email) {
        return inTransaction(() -> {
            CustomerService customers = bean("blCustomerService", CustomerService.class);
            Customer existing = customers.readCustomerByEmail(email);
            if (existing != null) {
                return existing;
            }
            Customer customer = customers.createCustomer();
            customer.setFirstName(firstName);
            customer.setLastName(lastName);
            customer.setEmailAddress(email);
            customer.setUsername(email);
            customer.setRegistered(true);
            return customers.saveCustomer(customer);
        });
    }

    /** Adds a product's default SKU to the customer's cart (creating the cart) and returns the priced cart. */
    public Order addToCart(Long cartId, Customer customer, long productId, int quantity) {
        BroadleafCurrency yen = jpy();
        return withRequestCurrency(yen, () -> inTransaction(() -> {
            OrderService orders = bean("blOrderService", OrderService.class);
            CatalogService catalog = bean("blCatalogService", CatalogService.class);
            Product product = catalog.findProductById(productId);
            try {
                Order cart = cartId == null ? null : orders.findOrderById(cartId);
                if (cart == null) {
                    cart = orders.createNewCartForCustomer(customer);
                    cart.setCurrency(yen);
                    cart.setEmailAddress(customer.getEmailAddress());
                    cart = orders.save(cart, false);
                }
                return orders.addItem(cart.getId(),
                        new OrderItemRequestDTO(product.getId(), product.getDefaultSku().getId(), quantity), true);
            } catch (Exception e) {
                throw new IllegalStateException("could not add product " + productId + " to the cart", e);
            }
        }));
    }

    /**
     * Ships the cart to a Tokyo address by standard delivery (what a checkout page would collect) and reprices it;
     * the e-mail address goes on the order.
     */
    public Order prepareForCheckout(Long cartId, String email, String lastName, String firstName) {
        BroadleafCurrency yen = jpy();
        return withRequestCurrency(yen, () -> inTransaction(() -> {
            OrderService orders = bean("blOrderService", OrderService.class);
            try {
                Order cart = orders.findOrderById(cartId);
                cart.setEmailAddress(email);
                FulfillmentGroup group = cart.getFulfillmentGroups().get(0);
                group.setAddress(tokyoAddress(lastName, firstName));
                group.setFulfillmentOption(shippingOption());
                group.setType(FulfillmentType.PHYSICAL_SHIP);
                bean("blFulfillmentGroupService", FulfillmentGroupService.class).save(group);
                return orders.save(cart, true);
            } catch (Exception e) {
                throw new IllegalStateException("could not prepare cart " + cartId + " for checkout", e);
            }
        }));
    }

    public Order order(Long orderId) {
        return inTransaction(() -> {
            Order order = bean("blOrderService", OrderService.class).findOrderById(orderId);
            if (order != null) {
                order.getOrderItems().size();
                order.getFulfillmentGroups().size();
                order.getPayments().size();
            }
            return order;
        });
    }

    /** Marks the order's first fulfillment group SHIPPED, as a warehouse would: the module's capture trigger fires. */
    public long shipFirstGroup(Long orderId) {
        return inTransaction(() -> {
            FulfillmentGroupService groups = bean("blFulfillmentGroupService", FulfillmentGroupService.class);
            FulfillmentGroup fg = bean("blOrderService", OrderService.class).findOrderById(orderId).getFulfillmentGroups().get(0);
            fg.setStatus(org.broadleafcommerce.core.order.service.type.FulfillmentGroupStatusType.SHIPPED);
            groups.save(fg);
            return fg.getId();
        });
    }

    public Order orderByNumber(String orderNumber) {
        return inTransaction(() -> {
            Order order = bean("blOrderService", OrderService.class).findOrderByOrderNumber(orderNumber);
            if (order != null) {
                order.getOrderItems().size();
                order.getCustomer().getId();
            }
            return order;
        });
    }

    private FulfillmentOption shippingOption() {
        for (FulfillmentOption option : bean("blFulfillmentOptionService", FulfillmentOptionService.class).readAllFulfillmentOptions()) {
            if (SHIPPING.equals(option.getName())) {
                return option;
            }
        }
        throw new IllegalStateException("the demo shipping option is missing: seedCatalog() first");
    }

    private Address tokyoAddress(String lastName, String firstName) {
        CountryService countries = bean("blCountryService", CountryService.class);
        Country japan = countries.findCountryByAbbreviation("JP");
        if (japan == null) {
            CountryImpl country = new CountryImpl();
            country.setAbbreviation("JP");
            country.setName("Japan");
            japan = countries.save(country);
        }
        StateService states = bean("blStateService", StateService.class);
        State tokyo = states.findStateByAbbreviation("JP-13");
        if (tokyo == null) {
            StateImpl state = new StateImpl();
            state.setAbbreviation("JP-13");
            state.setName("東京都");
            state.setCountry(japan);
            tokyo = states.save(state);
        }
        AddressService addresses = bean("blAddressService", AddressService.class);
        Address address = addresses.create();
        address.setLastName(lastName);
        address.setFirstName(firstName);
        address.setPostalCode("150-0002");
        address.setState(tokyo);
        address.setCity("渋谷区");
        address.setAddressLine1("渋谷2-21-1");
        address.setAddressLine2("ヒカリエ 11F");
        address.setCountry(japan);
        address.setPrimaryPhone("090-1234-5678");
        return addresses.saveAddress(address);
    }

    /** Broadleaf prices in the request's currency (zero amounts default to it); a shopper's request sets it. */
    private static <T> T withRequestCurrency(BroadleafCurrency currency, Supplier<T> work) {
        BroadleafRequestContext request = BroadleafRequestContext.getBroadleafRequestContext();
        if (request == null) {
            request = new BroadleafRequestContext();
            BroadleafRequestContext.setBroadleafRequestContext(request);
        }
        BroadleafCurrency previous = request.getBroadleafCurrency();
        request.setBroadleafCurrency(currency);
        try {
            return work.get();
        } finally {
            request.setBroadleafCurrency(previous);
        }
    }

    private static Date yesterday() {
        return new Date(System.currentTimeMillis() - 86_400_000L);
    }
}
