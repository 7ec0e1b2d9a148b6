package org.opencem.core.customer;

import java.math.BigDecimal;

/**
 * An interaction's value.
 *
 * @param amount the amount, without the trailing zeros the store's fixed scale adds ({@code 42.5}, not {@code 42.5000})
 * @param currency the ISO 4217 code, if stored
 */
public record Money(BigDecimal amount, String currency) {

    /** @param amount as stored, or null @param currency as stored, or null @return the value, or null without an amount */
    static Money of(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        BigDecimal plain = amount.stripTrailingZeros();
        return new Money(plain.scale() < 0 ? plain.setScale(0) : plain, currency);
    }
}
