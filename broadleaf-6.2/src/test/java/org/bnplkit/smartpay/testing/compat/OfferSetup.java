package org.bnplkit.smartpay.testing.compat;

import java.util.HashSet;
import java.util.Set;

import org.broadleafcommerce.core.offer.domain.Offer;
import org.broadleafcommerce.core.offer.domain.OfferItemCriteria;
import org.broadleafcommerce.core.offer.domain.OfferTargetCriteriaXref;
import org.broadleafcommerce.core.offer.domain.OfferTargetCriteriaXrefImpl;

/** Broadleaf 6.2: the parts of an offer the test fixtures set that 3.1 models differently. */
public final class OfferSetup {

    private OfferSetup() {
    }

    /** Applies only through its code: 6.2 has no delivery type; an offer that is not automatically added needs a code. */
    public static void codeOnly(Offer offer) {
        offer.setAutomaticallyAdded(false);
    }

    /** The items the offer discounts (6.2: through a cross-reference entity). */
    public static void targetItems(Offer offer, OfferItemCriteria criteria) {
        Set<OfferTargetCriteriaXref> targets = new HashSet<>();
        targets.add(new OfferTargetCriteriaXrefImpl(offer, criteria));
        offer.setTargetItemCriteriaXref(targets);
    }
}
