package org.opencem.core.customer.csv;

/**
 * Why a row of an import was refused.
 *
 * @param line the physical line of the file the row starts on (1 is the header)
 * @param field what was wrong: {@code identities.email}, {@code identities}, {@code attributes} or {@code row}
 * @param detail what to fix; never repeats the row's values
 */
public record RowError(long line, String field, String detail) {
}
