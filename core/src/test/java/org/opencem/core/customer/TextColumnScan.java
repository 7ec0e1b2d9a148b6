package org.opencem.core.customer;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Searches every text column (VARCHAR, CHAR, TEXT, CLOB...) of every table of the store's schema for a string,
 * finding the columns from JDBC metadata, so a table or column added later is searched too. Proves that an
 * erasure left a person's email or phone nowhere.
 */
public final class TextColumnScan {

    private static final Set<Integer> TEXT_TYPES = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR, Types.NCLOB);

    private TextColumnScan() {
    }

    /** @param dsl the store @return every text column of its tables, as {@code table.column} */
    public static List<String> textColumns(DSLContext dsl) {
        return dsl.connectionResult(connection -> {
            List<String> columns = new ArrayList<>();
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rs = meta.getColumns(null, "public", "%", "%")) {
                while (rs.next()) {
                    if (TEXT_TYPES.contains(rs.getInt("DATA_TYPE"))) {
                        columns.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"));
                    }
                }
            }
            return columns;
        });
    }

    /**
     * @param dsl the store
     * @param needle the text to find, case-insensitively
     * @return the {@code table.column}s holding it in some row
     */
    public static List<String> columnsContaining(DSLContext dsl, String needle) {
        String lower = needle.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String column : textColumns(dsl)) {
            String[] parts = column.split("\\.", 2);
            if (dsl.fetchExists(DSL.selectOne().from(DSL.table(DSL.name(parts[0])))
                    .where(DSL.lower(DSL.field(DSL.name(parts[1]), String.class)).contains(lower)))) {
                found.add(column);
            }
        }
        return found;
    }
}
