package org.bnplkit.smartpay.testing.compat;

import java.util.HashSet;
import java.util.Set;

import org.broadleafcommerce.core.offer.domain.Offer;
import org.broadleafcommerce.core.offer.domain.OfferItemCriteria;
import org.broadleafcommerce.core.offer.service.type.OfferDeliveryType;

/** Broadleaf 3.1: the parts of an offer the test fixtures set that 6.2 models differently. */
public final class OfferSetup {

    private OfferSetup() {
    }

    /** Applies only through its code, to the cart the code is added to. */
    public static void codeOnly(Offer offer) {
        offer.setDeliveryType(OfferDeliveryType.CODE);
        offer.setAutomaticallyAdded(false);
        offer.setStackable(true);
        offer.setMaxUses(0);
    }

    /** The items the offer discounts. */
    public static void targetItems(Offer offer, OfferItemCriteria criteria) {
        Set<OfferItemCriteria> targets = new HashSet<>();
        targets.add(criteria);
        offer.setTargetItemCriteria(targets);
    }
}
