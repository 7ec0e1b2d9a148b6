package org.opencem.core.customer.csv;

import java.util.Arrays;
import java.util.List;

/**
 * How cell values are written to and read from CSV files, the same both ways so an export imports back.
 *
 * <p>Formula injection: a spreadsheet runs a cell starting with {@code = + - @} (or a tab or carriage return)
 * as a formula, so the export writes such cells with a leading single quote, which spreadsheets show as text.
 * Cells starting with a single quote get one more, so the quoting can be undone exactly: the import drops
 * a leading single quote that precedes one of those characters or another single quote.
 *
 * <p>Several identities of one type share a cell, one per line (a line break inside a quoted cell):
 * identity values never contain line breaks, which the identity rules refuse as control characters.
 */
final class CsvCells {

    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final char QUOTE = '\'';

    private CsvCells() {
    }

    /** @param value a value to export @return the cell, quoted against formula injection when needed */
    static String escape(String value) {
        return !value.isEmpty() && isQuotable(value.charAt(0)) ? QUOTE + value : value;
    }

    /** @param cell a cell as read @return its value, the export's quoting undone */
    static String unescape(String cell) {
        return cell.length() > 1 && cell.charAt(0) == QUOTE && isQuotable(cell.charAt(1)) ? cell.substring(1) : cell;
    }

    /** @param values identity values of one type @return the cell holding them, one per line */
    static String joinIdentities(List<String> values) {
        return String.join("\n", values);
    }

    /** @param cell an identity cell as read, unescaped @return its values, blank lines dropped, not yet normalized */
    static List<String> splitIdentities(String cell) {
        return Arrays.stream(cell.split("\r\n|\n|\r")).filter(v -> !v.isBlank()).toList();
    }

    private static boolean isQuotable(char first) {
        return first == QUOTE || FORMULA_STARTS.indexOf(first) >= 0;
    }
}
