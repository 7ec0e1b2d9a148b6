package org.opencem.core.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class AttributeFilterTest {

    private static final String STORED = "{\"tier\":\"gold\",\"visits\":3,\"spent\":42.50,\"vip\":true,\"gone\":null,"
            + "\"profile\":{\"tier\":\"silver\"},\"tags\":[\"a\",\"b\"],\"quote\":\"say \\\"hi\\\"\"}";

    @Test
    void scalarsAreTheTopLevelStringsNumbersAndBooleansAsStoredText() {
        assertThat(AttributeFilter.scalars(STORED)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "tier", "gold", "visits", "3", "spent", "42.50", "vip", "true", "quote", "say \"hi\""));
    }

    @Test
    void matchingComparesTheTextExactly() {
        Map<String, String> scalars = AttributeFilter.scalars(STORED);

        assertThat(new AttributeFilter("tier", "gold").matches(scalars)).isTrue();
        assertThat(new AttributeFilter("tier", "Gold").matches(scalars)).isFalse();
        assertThat(new AttributeFilter("spent", "42.50").matches(scalars)).isTrue();
        assertThat(new AttributeFilter("spent", "42.5").matches(scalars)).isFalse();
        assertThat(new AttributeFilter("quote", "say \"hi\"").matches(scalars)).isTrue();
        assertThat(new AttributeFilter("profile", "{\"tier\":\"silver\"}").matches(scalars)).isFalse();
        assertThat(new AttributeFilter("missing", "").matches(scalars)).isFalse();
    }

    @Test
    void prefilterLooksForTheSerializedPairWithLikeWildcardsEscapedInSql() {
        String literal = DSL.using(SQLDialect.H2).renderInlined(new AttributeFilter("visits", "3").prefilter());
        String text = DSL.using(SQLDialect.H2).renderInlined(new AttributeFilter("code", "50%_off").prefilter());

        assertThat(literal).contains("\"visits\":\"3\"").contains("\"visits\":3");
        assertThat(text).contains("'\"code\":\"50%_off\"'", "'%', '!%'", "'_', '!_'", "escape '!'")
                .as("not a number: no unquoted form").doesNotContain("'\"code\":50");
    }
}
