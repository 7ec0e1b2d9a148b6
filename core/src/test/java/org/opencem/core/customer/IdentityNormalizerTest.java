package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencem.core.plugin.Registration;

class IdentityNormalizerTest {

    private final IdentityNormalizer normalizer = new IdentityNormalizer("PT");

    @ParameterizedTest(name = "{0} ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            email            | '  Ana.Silva@Example.COM '  | ana.silva@example.com
            email            | o'brien+tag@sub.example.pt  | o'brien+tag@sub.example.pt
            email            | JOSE@MÜNCHEN.DE             | jose@xn--mnchen-3ya.de
            phone            | +351 912 345 678            | +351912345678
            phone            | 912345678                   | +351912345678
            phone            | ' 912-345-678 '             | +351912345678
            phone            | 00351912345678              | +351912345678
            phone            | +33 6 12 34 56 78           | +33612345678
            phone            | +1 (650) 253-0000           | +16502530000
            visitor          | '  v-7f3a9c '               | v-7f3a9c
            loyalty          | ' 0042 1234 5678 '          | 0042 1234 5678
            external:crm     | ' 0031A00000xyZ '           | 0031A00000xyZ
            external:sap-hcm | 42                          | 42
            """)
    void acceptedIdentitiesAreNormalized(String type, String value, String expected) {
        assertThat(normalizer.normalize(type, value)).isEqualTo(new Identity(type, expected));
    }

    @ParameterizedTest(name = "{0} ''{1}'' refused: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            email            | ana                         | expected local@domain
            email            | ana@                        | expected local@domain
            email            | @example.com                | expected local@domain
            email            | ana@example                 | malformed domain
            email            | ana@@example.com            | malformed local part
            email            | ana..silva@example.com      | malformed local part
            email            | .ana@example.com            | malformed local part
            email            | ana silva@example.com       | malformed local part
            email            | ana@exa_mple.com            | malformed domain
            email            | ana@-example.com            | malformed domain
            email            | ''                          | expected local@domain
            phone            | 12                          | not a valid phone number
            phone            | 912 34                      | not a valid phone number
            phone            | +351 123 456 789            | not a valid phone number
            phone            | call me                     | not a phone number
            phone            | ''                          | not a phone number
            visitor          | '   '                       | 1 to 200 characters
            loyalty          | ''                          | 1 to 100 characters
            external:crm     | ''                          | 1 to 200 characters
            """)
    void malformedValuesAreRefusedNamingTheField(String type, String value, String message) {
        assertThatThrownBy(() -> normalizer.normalize(type, value))
                .isInstanceOfSatisfying(InvalidIdentityException.class, e -> {
                    assertThat(e.field()).isEqualTo("identities." + type);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void tooLongOpaqueValuesAreRefused() {
        assertThat(normalizer.normalize("visitor", "v".repeat(200)).value()).hasSize(200);
        assertThatThrownBy(() -> normalizer.normalize("visitor", "v".repeat(201)))
                .isInstanceOf(InvalidIdentityException.class);
        assertThatThrownBy(() -> normalizer.normalize("loyalty", "1".repeat(101)))
                .isInstanceOf(InvalidIdentityException.class);
        assertThatThrownBy(() -> normalizer.normalize("visitor", "a\u0000b"))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> normalizer.normalize("email", "a".repeat(65) + "@example.com"))
                .hasMessageContaining("local part");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            fax
            Email
            external
            crm
            """)
    void unknownTypeIsRefusedNamingIt(String type) {
        assertThatThrownBy(() -> normalizer.normalize(type, "x"))
                .isInstanceOfSatisfying(InvalidIdentityException.class, e -> {
                    assertThat(e.field()).isEqualTo("identities." + type);
                    assertThat(e.getMessage()).contains("unknown identity type '" + type + "'");
                });
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            external:
            external:CRM
            external:my_crm
            external:-crm
            """)
    void externalTypeNeedsAKebabCaseSystem(String type) {
        assertThatThrownBy(() -> normalizer.normalize(type, "x"))
                .isInstanceOfSatisfying(InvalidIdentityException.class, e -> {
                    assertThat(e.field()).isEqualTo("identities." + type);
                    assertThat(e.getMessage()).contains("kebab-case system");
                });
    }

    @Test
    void hostileTypeIsShortenedInTheError() {
        String type = "x".repeat(10_000);

        assertThatThrownBy(() -> normalizer.normalize(type, "v"))
                .isInstanceOfSatisfying(InvalidIdentityException.class, e -> {
                    assertThat(e.field()).hasSizeLessThan(100);
                    assertThat(e.getMessage()).hasSizeLessThan(300);
                });
    }

    @Test
    void missingValueIsRefused() {
        assertThatThrownBy(() -> normalizer.normalize("email", null))
                .isInstanceOfSatisfying(InvalidIdentityException.class, e -> assertThat(e.field()).isEqualTo("identities.email"));
    }

    @Test
    void registeredTypeAcceptsOpaqueValuesUntilRemoved() {
        assertThat(normalizer.knows("wechat")).isFalse();
        Registration registration = normalizer.register("wechat");

        assertThat(normalizer.normalize("wechat", "  wx-Abc ")).isEqualTo(new Identity("wechat", "wx-Abc"));
        assertThatThrownBy(() -> normalizer.normalize("fax", "1"))
                .hasMessageContaining("wechat");

        registration.remove();
        registration.remove();
        assertThatThrownBy(() -> normalizer.normalize("wechat", "wx-Abc"))
                .hasMessageContaining("unknown identity type 'wechat'");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            email
            external:crm
            WeChat
            we_chat
            ''
            """)
    void registeringABuiltInOrMalformedTypeFails(String type) {
        assertThatThrownBy(() -> normalizer.register(type)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registeringATypeTwiceFails() {
        normalizer.register("line");

        assertThatThrownBy(() -> normalizer.register("line"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered");
    }

    @Test
    void defaultRegionMustBeKnown() {
        assertThat(new IdentityNormalizer("us").normalize("phone", "(650) 253-0000").value()).isEqualTo("+16502530000");
        assertThatThrownBy(() -> new IdentityNormalizer("XX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalizeAllDropsDuplicatesThatNormalizeAlike() {
        List<Identity> sent = List.of(
                new Identity("email", "ANA@example.com"),
                new Identity("phone", "912345678"),
                new Identity("email", " ana@EXAMPLE.com"),
                new Identity("phone", "+351 912 345 678"),
                new Identity("external:crm", "C-1"));

        assertThat(normalizer.normalizeAll(sent)).containsExactly(
                new Identity("email", "ana@example.com"),
                new Identity("phone", "+351912345678"),
                new Identity("external:crm", "C-1"));
    }
}
