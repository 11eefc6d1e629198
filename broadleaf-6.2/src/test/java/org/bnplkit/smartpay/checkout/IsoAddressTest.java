package org.bnplkit.smartpay.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.bnplkit.smartpay.compat.PostalAddresses;
import org.broadleafcommerce.common.i18n.domain.ISOCountryImpl;
import org.broadleafcommerce.profile.core.domain.Address;
import org.broadleafcommerce.profile.core.domain.AddressImpl;
import org.junit.jupiter.api.Test;

/**
 * Broadleaf 6.x storefronts (the DemoSite's address form) fill in an address's ISO country and free-text region, not
 * the deprecated Country and State: the module must read those to refuse a foreign address and to send the prefecture.
 */
class IsoAddressTest {

    private static Address address(String alpha2, String region) {
        ISOCountryImpl country = new ISOCountryImpl();
        country.setAlpha2(alpha2);
        AddressImpl address = new AddressImpl();
        address.setIsoCountryAlpha2(country);
        address.setStateProvinceRegion(region);
        address.setPostalCode("150-0001");
        address.setCity("Shibuya-ku");
        address.setAddressLine1("1-2-3 Jingumae");
        return address;
    }

    @Test
    void theIsoCountryIsTheAddressCountry() {
        assertEquals("US", PostalAddresses.countryCode(address("US", "CA")));
        assertEquals("JP", PostalAddresses.countryCode(address("JP", "Tokyo")));
        assertNull(PostalAddresses.countryCode(new AddressImpl()));
    }

    @Test
    void theFreeTextRegionIsThePrefectureSentToSmartpay() {
        org.bnplkit.smartpay.client.Address sent = CheckoutSessionMapper.address(address("JP", "Tokyo"));
        assertEquals("Tokyo", sent.administrativeArea());
        assertEquals("Shibuya-ku", sent.locality());
    }
}
