package org.bnplkit.smartpay.compat;

import org.apache.commons.lang3.StringUtils;
import org.broadleafcommerce.profile.core.domain.Address;

/** Broadleaf 3.1: an address's country and region are the Country and State entities. */
public final class PostalAddresses {

    private PostalAddresses() {
    }

    /** ISO 3166 alpha-2 code of the address's country ("JP"), or null when it has none. */
    public static String countryCode(Address address) {
        return address.getCountry() == null ? null : StringUtils.trimToNull(address.getCountry().getAbbreviation());
    }

    /** The region (a Japanese address's prefecture): the State's name, else its abbreviation; null when none. */
    public static String region(Address address) {
        if (address.getState() == null) {
            return null;
        }
        return StringUtils.trimToNull(StringUtils.defaultIfBlank(address.getState().getName(), address.getState().getAbbreviation()));
    }
}
