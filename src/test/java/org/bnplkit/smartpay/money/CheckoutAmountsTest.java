package org.bnplkit.smartpay.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bnplkit.smartpay.money.CheckoutLine.Kind;
import org.junit.jupiter.api.Test;

class CheckoutAmountsTest {

    /**
     * Worked example: 3 items, ¥300 off the mug line, ¥500 off the order, ¥346 tax, ¥600 shipping.
     * 1,200×2 + 800×1 + 3,000×1 = 6,200; − 300 − 500 = 5,400; + 346 + 600 = 6,346.
     */
    @Test
    void threeItemOrderWithItemDiscountOrderDiscountTaxAndShippingAddsUpExactly() {
        CheckoutInput in = CheckoutInput.builder()
                .total(6_346).shippingFee(600).tax(346).orderDiscount(500)
                .line(CheckoutInput.Line.of("Mug", 1_200, 2, 300, "oi-1"))
                .line(CheckoutInput.Line.of("Tea", 800, 1, 0, "oi-2"))
                .line(CheckoutInput.Line.of("Teapot", 3_000, 1, 0, "oi-3"))
                .build();

        CheckoutBreakdown b = CheckoutAmounts.breakdown(in);

        assertEquals(List.of(
                CheckoutLine.of(Kind.PRODUCT, "Mug", 1_200, 2, "oi-1"),
                CheckoutLine.of(Kind.PRODUCT, "Tea", 800, 1, "oi-2"),
                CheckoutLine.of(Kind.PRODUCT, "Teapot", 3_000, 1, "oi-3")), b.productLines());
        assertEquals(List.of(
                CheckoutLine.of(Kind.DISCOUNT, "Discount", 300, 1, "oi-1"),
                CheckoutLine.of(Kind.DISCOUNT, "Discount", 500, 1, null)), b.discountLines());
        assertEquals(List.of(CheckoutLine.of(Kind.TAX, "Tax", 346, 1, null)), b.taxLines());
        assertEquals(600, b.shippingFee());
        assertEquals(6_346, b.total());
        assertEquals(6_200, b.productTotal());
        assertEquals(800, b.discountTotal());
        assertEquals(346, b.taxTotal());
        assertEquals(6, b.itemCount());
        assertEquals(6, b.allLines().size());
        assertEquals(b.total(), b.productTotal() - b.discountTotal() + b.taxTotal() + b.shippingFee());
    }

    @Test
    void zeroDiscountsAndZeroTaxProduceNoLines() {
        CheckoutBreakdown b = CheckoutAmounts.breakdown(CheckoutInput.builder()
                .total(1_000)
                .line(CheckoutInput.Line.of("Book", 1_000, 1, 0, null))
                .build());
        assertEquals(1, b.productLines().size());
        assertTrue(b.discountLines().isEmpty());
        assertTrue(b.taxLines().isEmpty());
        assertEquals(0, b.shippingFee());
        assertEquals(List.of(CheckoutLine.of(Kind.PRODUCT, "Book", 1_000, 1, null)), b.allLines());
    }

    @Test
    void generatedLineNamesCanBePassedIn() {
        CheckoutBreakdown b = CheckoutAmounts.breakdown(CheckoutInput.builder()
                .total(1_000 - 100 - 50 + 90)
                .tax(90).orderDiscount(50)
                .discountName("割引").orderDiscountName("クーポン").taxName("消費税")
                .line(CheckoutInput.Line.of("Book", 1_000, 1, 100, "b"))
                .build());
        assertEquals("割引", b.discountLines().get(0).name());
        assertEquals("クーポン", b.discountLines().get(1).name());
        assertEquals("消費税", b.taxLines().get(0).name());
    }

    @Test
    void mismatchNamesEveryFigure() {
        CheckoutInput in = CheckoutInput.builder()
                .total(6_347).shippingFee(600).tax(346).orderDiscount(500)
                .line(CheckoutInput.Line.of("Mug", 1_200, 2, 300, "oi-1"))
                .line(CheckoutInput.Line.of("Tea", 800, 1, 0, "oi-2"))
                .line(CheckoutInput.Line.of("Teapot", 3_000, 1, 0, "oi-3"))
                .build();
        AmountMismatchException e = assertThrows(AmountMismatchException.class, () -> CheckoutAmounts.breakdown(in));
        assertEquals("checkout lines do not add up to the order total: products ¥6,200 - discounts ¥800"
                + " + tax ¥346 + shipping ¥600 = ¥6,346, but the order total is ¥6,347 (difference -¥1)",
                e.getMessage());
        assertEquals(6_200, e.productTotal());
        assertEquals(800, e.discountTotal());
        assertEquals(346, e.taxTotal());
        assertEquals(600, e.shippingFee());
        assertEquals(6_346, e.computedTotal());
        assertEquals(6_347, e.expectedTotal());
    }

    @Test
    void fiftyItemsFitFiftyOneDoNot() {
        CheckoutInput.Builder fits = CheckoutInput.builder().total(49 * 100 - 10 + 0).orderDiscount(10);
        for (int i = 0; i < 49; i++) {
            fits.line(CheckoutInput.Line.of("Item " + i, 100, 1, 0, "r" + i));
        }
        assertEquals(50, CheckoutAmounts.breakdown(fits.build()).itemCount());

        CheckoutInput.Builder tooMany = CheckoutInput.builder().total(49 * 100 - 10 + 8).orderDiscount(10).tax(8);
        for (int i = 0; i < 49; i++) {
            tooMany.line(CheckoutInput.Line.of("Item " + i, 100, 1, 0, "r" + i));
        }
        TooManyCheckoutItemsException e = assertThrows(TooManyCheckoutItemsException.class,
                () -> CheckoutAmounts.breakdown(tooMany.build()));
        assertEquals(51, e.itemCount());
        assertEquals(50, e.limit());
        assertEquals("Smartpay accepts at most 50 checkout items, this order needs 51 (49 products, 1 discounts, 1 tax)",
                e.getMessage());
    }

    @Test
    void lineValidation() {
        assertMessage("line name must not be blank", () -> CheckoutInput.Line.of(" ", 100, 1, 0, null));
        assertMessage("line name must not be blank", () -> CheckoutInput.Line.of(null, 100, 1, 0, null));
        assertMessage("unit price of line 'A' must not be negative, got -1",
                () -> CheckoutInput.Line.of("A", -1, 1, 0, null));
        assertMessage("unit price of line 'A' 4294967296 exceeds Smartpay's maximum amount 4294967295 (uint32)",
                () -> CheckoutInput.Line.of("A", 4_294_967_296L, 1, 0, null));
        assertMessage("quantity of line 'A' must be at least 1, got 0", () -> CheckoutInput.Line.of("A", 1, 0, 0, null));
        assertMessage("quantity of line 'A' must be at least 1, got -2", () -> CheckoutInput.Line.of("A", 1, -2, 0, null));
        assertMessage("quantity of line 'A' 65536 exceeds Smartpay's maximum quantity 65535 (uint16)",
                () -> CheckoutInput.Line.of("A", 1, 65_536, 0, null));
        assertMessage("discount of line 'A' must not be negative, got -5",
                () -> CheckoutInput.Line.of("A", 100, 1, -5, null));
        assertMessage("discount ¥201 of line 'A' exceeds the line's price ¥200 (¥100 x 2)",
                () -> CheckoutInput.Line.of("A", 100, 2, 201, null));
        // the boundaries themselves are accepted
        CheckoutInput.Line max = CheckoutInput.Line.of("A", SmartpayLimits.MAX_AMOUNT, 65_535, 0, null);
        assertEquals(SmartpayLimits.MAX_AMOUNT * 65_535, max.grossAmount());
        assertEquals(0, CheckoutInput.Line.of("Free gift", 0, 1, 0, null).grossAmount());
        assertEquals(200, CheckoutInput.Line.of("A", 100, 2, 200, null).lineDiscount());
    }

    @Test
    void inputValidation() {
        CheckoutInput.Line line = CheckoutInput.Line.of("A", 100, 1, 0, null);
        assertMessage("total is required", () -> CheckoutInput.builder().line(line).build());
        assertMessage("order total must not be negative, got -1", () -> CheckoutInput.builder().total(-1).line(line).build());
        assertMessage("order total 4294967296 exceeds Smartpay's maximum amount 4294967295 (uint32)",
                () -> CheckoutInput.builder().total(4_294_967_296L).line(line).build());
        assertMessage("shipping fee must not be negative, got -1",
                () -> CheckoutInput.builder().total(100).shippingFee(-1).line(line).build());
        assertMessage("tax must not be negative, got -1", () -> CheckoutInput.builder().total(100).tax(-1).line(line).build());
        assertMessage("order discount must not be negative, got -10",
                () -> CheckoutInput.builder().total(100).orderDiscount(-10).line(line).build());
        assertMessage("a Smartpay checkout needs at least one product line", () -> CheckoutInput.builder().total(0).build());
        assertMessage("line must not be null", () -> CheckoutInput.builder().line(null));
        assertMessage("tax name must not be blank", () -> CheckoutInput.builder().total(100).taxName("").line(line).build());
        assertMessage("discount name must not be blank",
                () -> CheckoutInput.builder().total(100).discountName(null).line(line).build());
        assertMessage("checkout input must not be null", () -> CheckoutAmounts.breakdown(null));
    }

    @Test
    void checkoutLineValidationAndValueSemantics() {
        assertMessage("checkout line kind must not be null", () -> CheckoutLine.of(null, "A", 1, 1, null));
        assertMessage("unit amount of checkout line 'A' must not be negative, got -1",
                () -> CheckoutLine.of(Kind.DISCOUNT, "A", -1, 1, null));
        CheckoutLine a = CheckoutLine.of(Kind.PRODUCT, "A", 100, 3, "r");
        assertEquals(a, CheckoutLine.of(Kind.PRODUCT, "A", 100, 3, "r"));
        assertEquals(a.hashCode(), CheckoutLine.of(Kind.PRODUCT, "A", 100, 3, "r").hashCode());
        assertNotEquals(a, CheckoutLine.of(Kind.DISCOUNT, "A", 100, 3, "r"));
        assertNotEquals(a, CheckoutLine.of(Kind.PRODUCT, "A", 100, 3, null));
        assertNotEquals(a, CheckoutLine.of(Kind.PRODUCT, "A", 101, 3, "r"));
        assertEquals(300, a.lineAmount());
        assertEquals("CheckoutLine{PRODUCT 'A' ¥100 x 3 ref=r}", a.toString());
    }

    @Test
    void inputsAndBreakdownsAreValuesAndImmutable() {
        CheckoutInput one = sampleInput();
        CheckoutInput two = sampleInput();
        assertEquals(one, two);
        assertEquals(one.hashCode(), two.hashCode());
        assertEquals(CheckoutAmounts.breakdown(one), CheckoutAmounts.breakdown(two));
        assertEquals(CheckoutAmounts.breakdown(one).hashCode(), CheckoutAmounts.breakdown(two).hashCode());
        assertTrue(one.toString().contains("total=¥1,090"), one.toString());
        assertThrows(UnsupportedOperationException.class, () -> one.lines().clear());
        CheckoutBreakdown b = CheckoutAmounts.breakdown(one);
        assertThrows(UnsupportedOperationException.class, () -> b.productLines().clear());
        assertThrows(UnsupportedOperationException.class, () -> b.allLines().clear());

        // the builder keeps no link to the built input
        CheckoutInput.Builder builder = CheckoutInput.builder().total(100).line(CheckoutInput.Line.of("A", 100, 1, 0, null));
        CheckoutInput built = builder.build();
        builder.line(CheckoutInput.Line.of("B", 100, 1, 0, null));
        assertEquals(1, built.lines().size());
    }

    private static CheckoutInput sampleInput() {
        return CheckoutInput.builder().total(1_090).tax(90).shippingFee(100).orderDiscount(50)
                .line(CheckoutInput.Line.of("A", 500, 2, 50, "a")).build();
    }

    /** Random consistent orders always break down into lines that add up; perturbed totals never do. */
    @Test
    void propertyRandomConsistentOrdersAddUpAndPerturbedOnesAreRejected() {
        Random random = new Random(20240601L);
        int fittingSeen = 0;
        int tooManySeen = 0;
        for (int run = 0; run < 5_000; run++) {
            int lineCount = 1 + random.nextInt(random.nextInt(4) == 0 ? 50 : 10);
            List<CheckoutInput.Line> lines = new ArrayList<>();
            long afterLineDiscounts = 0;
            int discounted = 0;
            for (int i = 0; i < lineCount; i++) {
                long unit = random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(200_000);
                int qty = 1 + random.nextInt(random.nextBoolean() ? 3 : 500);
                long gross = unit * qty;
                long discount = random.nextInt(3) == 0 ? (long) (random.nextDouble() * (gross + 1)) : 0;
                discount = Math.min(discount, gross);
                if (discount > 0) {
                    discounted++;
                }
                afterLineDiscounts += gross - discount;
                lines.add(CheckoutInput.Line.of("Item " + i, unit, qty, discount, "ref-" + i));
            }
            long orderDiscount = random.nextBoolean() ? (long) (random.nextDouble() * afterLineDiscounts) : 0;
            long tax = random.nextBoolean() ? (afterLineDiscounts - orderDiscount) / 10 : 0;
            long shipping = random.nextBoolean() ? random.nextInt(2_000) : 0;
            long total = afterLineDiscounts - orderDiscount + tax + shipping;
            if (total > SmartpayLimits.MAX_AMOUNT) {
                continue;
            }
            CheckoutInput in = CheckoutInput.builder().total(total).tax(tax).shippingFee(shipping)
                    .orderDiscount(orderDiscount).lines(lines).build();

            int expectedItems = lineCount + discounted + (orderDiscount > 0 ? 1 : 0) + (tax > 0 ? 1 : 0);
            if (expectedItems > SmartpayLimits.MAX_CHECKOUT_ITEMS) {
                TooManyCheckoutItemsException e = assertThrows(TooManyCheckoutItemsException.class,
                        () -> CheckoutAmounts.breakdown(in));
                assertEquals(expectedItems, e.itemCount());
                tooManySeen++;
                continue;
            }
            CheckoutBreakdown b = CheckoutAmounts.breakdown(in);
            fittingSeen++;

            long sum = shipping;
            for (CheckoutLine line : b.allLines()) {
                assertTrue(line.unitAmount() >= 0 && line.quantity() >= 1, line.toString());
                sum += line.kind() == Kind.DISCOUNT ? -line.lineAmount() : line.lineAmount();
            }
            assertEquals(total, sum, in.toString());
            assertEquals(lineCount, b.productLines().size());
            for (int i = 0; i < lineCount; i++) {
                assertEquals("ref-" + i, b.productLines().get(i).reference());
                assertEquals(Kind.PRODUCT, b.productLines().get(i).kind());
            }
            assertEquals(discounted + (orderDiscount > 0 ? 1 : 0), b.discountLines().size());
            for (CheckoutLine d : b.discountLines()) {
                assertEquals(Kind.DISCOUNT, d.kind());
                assertTrue(d.unitAmount() > 0, d.toString());
                assertEquals(1, d.quantity());
            }
            assertEquals(tax > 0 ? 1 : 0, b.taxLines().size());
            assertEquals(b, CheckoutAmounts.breakdown(in), "deterministic");

            long off = 1 + random.nextInt(1_000);
            long wrongTotal = random.nextBoolean() || total < off ? total + off : total - off;
            CheckoutInput wrong = CheckoutInput.builder().total(wrongTotal).tax(tax).shippingFee(shipping)
                    .orderDiscount(orderDiscount).lines(lines).build();
            AmountMismatchException e = assertThrows(AmountMismatchException.class,
                    () -> CheckoutAmounts.breakdown(wrong));
            assertEquals(total, e.computedTotal());
        }
        // both branches were exercised, so neither assertion above is vacuous
        assertTrue(fittingSeen > 3_000, "fitting orders: " + fittingSeen);
        assertTrue(tooManySeen > 50, "orders over the item limit: " + tooManySeen);
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
