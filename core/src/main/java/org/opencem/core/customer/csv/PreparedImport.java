package org.opencem.core.customer.csv;

import java.nio.file.Path;

/**
 * A file whose header fits its mapping and which is CSV from end to end, ready to import.
 *
 * @param file the uploaded file
 * @param parser reads its data rows
 * @param rows how many data rows it has
 */
record PreparedImport(Path file, RowParser parser, long rows) {
}
