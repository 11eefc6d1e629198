package org.bnplkit.smartpay.compat;

import org.apache.commons.lang3.StringUtils;
import org.broadleafcommerce.profile.core.domain.Address;

/**
 * Broadleaf 6.2: an address's country is its ISO country ({@code isoCountryAlpha2}) and its region a free text
 * ({@code stateProvinceRegion}), as 6.x storefronts (the DemoSite's address form) fill them in; the deprecated Country
 * and State entities of older data are read when those are empty.
 */
public final class PostalAddresses {

    private PostalAddresses() {
    }

    /** ISO 3166 alpha-2 code of the address's country ("JP"), or null when it has none. */
    @SuppressWarnings("deprecation")
    public static String countryCode(Address address) {
        if (address.getIsoCountryAlpha2() != null && StringUtils.isNotBlank(address.getIsoCountryAlpha2().getAlpha2())) {
            return address.getIsoCountryAlpha2().getAlpha2().trim();
        }
        return address.getCountry() == null ? null : StringUtils.trimToNull(address.getCountry().getAbbreviation());
    }

    /** The region (a Japanese address's prefecture): stateProvinceRegion, else the State's name or abbreviation. */
    @SuppressWarnings("deprecation")
    public static String region(Address address) {
        if (StringUtils.isNotBlank(address.getStateProvinceRegion())) {
            return address.getStateProvinceRegion().trim();
        }
        if (address.getState() == null) {
            return null;
        }
        return StringUtils.trimToNull(StringUtils.defaultIfBlank(address.getState().getName(), address.getState().getAbbreviation()));
    }
}
