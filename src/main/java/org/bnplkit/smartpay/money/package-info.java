/**
 * Yen amounts and their allocation, as pure functions: an order split into Smartpay checkout lines
 * that add up exactly, an authorization split over fulfillment groups, a refund spread over
 * captures, and the amount owed back for returned items.
 *
 * <p>Every amount is an integer number of yen in a {@code long}. Every function is deterministic:
 * the same input gives the same output, whatever the JVM or hash ordering, so an operation retried
 * after a crash sends exactly the amounts it sent the first time. Where a division leaves a
 * remainder, the last recipient takes it, so totals always match to the yen.
 *
 * <p>Knows nothing of Broadleaf, Spring, HTTP or the Smartpay client; see {@code docs/money.md}.
 */
package org.bnplkit.smartpay.money;
