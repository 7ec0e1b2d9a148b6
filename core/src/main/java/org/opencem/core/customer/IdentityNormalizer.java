package org.opencem.core.customer;

import org.opencem.api.customer.Identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.net.IDN;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.opencem.core.plugin.Registration;

/**
 * Turns the identities a client sends into the one spelling the store keeps unique, and refuses what
 * cannot be an identity. Thread-safe; plugin types may be registered and removed while it is in use.
 */
public final class IdentityNormalizer {

    /** Types the core knows. {@code external:<system>} is a family, checked by prefix. */
    public static final Set<String> BUILT_IN_TYPES = Set.of("email", "phone", "visitor", "loyalty");

    private static final String EXTERNAL_PREFIX = "external:";
    private static final int MAX_TYPE_LENGTH = 64;
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final int MAX_LOCAL_PART_LENGTH = 64;
    private static final int MAX_OPAQUE_LENGTH = 200;
    private static final int MAX_LOYALTY_LENGTH = 100;
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern LOCAL_PART = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    /**
     * @param defaultRegion ISO 3166 region that phone numbers without a country code belong to, e.g. {@code PT}
     * @throws IllegalArgumentException if libphonenumber does not know the region
     */
    public IdentityNormalizer(String defaultRegion) {
        String region = defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!phones.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region: " + defaultRegion);
        }
        this.defaultRegion = region;
    }

    /**
     * Adds an identity type a plugin defines; its values are opaque (trimmed, 1 to 200 characters).
     *
     * @param type kebab-case, at most 64 characters, not a built-in type nor {@code external:...}
     * @return removes the type again (run when the plugin stops)
     * @throws IllegalArgumentException if the name is malformed, built in, or already registered
     */
    public Registration register(String type) {
        if (type == null || type.length() > MAX_TYPE_LENGTH || !KEBAB.matcher(type).matches()) {
            throw new IllegalArgumentException("identity type must be kebab-case, at most " + MAX_TYPE_LENGTH
                    + " characters: " + type);
        }
        if (BUILT_IN_TYPES.contains(type)) {
            throw new IllegalArgumentException("identity type is built in: " + type);
        }
        if (!registered.add(type)) {
            throw new IllegalArgumentException("identity type already registered: " + type);
        }
        return () -> registered.remove(type);
    }

    /**
     * @param type an identity type
     * @return whether values of the type are accepted
     */
    public boolean knows(String type) {
        return type != null && (BUILT_IN_TYPES.contains(type) || registered.contains(type) || isExternal(type));
    }

    /**
     * @param type the identity type as sent
     * @param value the value as sent
     * @return the normalized identity
     * @throws InvalidIdentityException if the type is unknown or the value malformed
     */
    public Identity normalize(String type, String value) {
        if (type != null && type.startsWith(EXTERNAL_PREFIX) && !isExternal(type)) {
            throw new InvalidIdentityException(field(type), "external identity type must be external:<system> with a"
                    + " kebab-case system, at most " + MAX_TYPE_LENGTH + " characters in all");
        }
        if (!knows(type)) {
            throw new InvalidIdentityException(field(type), "unknown identity type '" + shorten(type)
                    + "'; known: email, phone, visitor, loyalty, external:<system>" + registeredList());
        }
        if (value == null) {
            throw new InvalidIdentityException(field(type), "identity value is missing");
        }
        String trimmed = value.strip();
        String normalized = switch (type) {
            case "email" -> email(trimmed);
            case "phone" -> phone(trimmed);
            case "loyalty" -> opaque(type, trimmed, MAX_LOYALTY_LENGTH);
            default -> opaque(type, trimmed, MAX_OPAQUE_LENGTH);
        };
        return new Identity(type, normalized);
    }

    /**
     * Normalizes several identities, keeping the order and dropping those that normalize to one already there.
     *
     * @param sent the identities as sent (type and raw value)
     * @return the normalized identities
     * @throws InvalidIdentityException for the first one refused
     */
    public List<Identity> normalizeAll(Collection<Identity> sent) {
        Set<Identity> result = new LinkedHashSet<>();
        for (Identity identity : sent) {
            result.add(normalize(identity.type(), identity.value()));
        }
        return List.copyOf(result);
    }

    private String email(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        if (at <= 0 || at == lower.length() - 1) {
            throw new InvalidIdentityException(field("email"), "not an email address: expected local@domain");
        }
        String local = lower.substring(0, at);
        String domain;
        try {
            domain = IDN.toASCII(lower.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentityException(field("email"), "not an email address: malformed domain");
        }
        if (local.length() > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.matcher(local).matches()) {
            throw new InvalidIdentityException(field("email"), "not an email address: malformed local part");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new InvalidIdentityException(field("email"), "not an email address: malformed domain");
        }
        String email = local + "@" + domain;
        if (email.length() > MAX_EMAIL_LENGTH) {
            throw new InvalidIdentityException(field("email"), "email address longer than " + MAX_EMAIL_LENGTH + " characters");
        }
        return email;
    }

    private String phone(String value) {
        PhoneNumber number;
        try {
            number = phones.parse(value, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidIdentityException(field("phone"), "not a phone number");
        }
        if (!phones.isValidNumber(number)) {
            throw new InvalidIdentityException(field("phone"), "not a valid phone number (default region "
                    + defaultRegion + ")");
        }
        return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    private static String opaque(String type, String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength) {
            throw new InvalidIdentityException(field(type), "identity value must have 1 to " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidIdentityException(field(type), "identity value must not contain control characters");
        }
        return value;
    }

    private static boolean isExternal(String type) {
        return type.startsWith(EXTERNAL_PREFIX)
                && type.length() <= MAX_TYPE_LENGTH
                && KEBAB.matcher(type.substring(EXTERNAL_PREFIX.length())).matches();
    }

    private String registeredList() {
        List<String> types = registered.stream().sorted().toList();
        return types.isEmpty() ? "" : ", " + String.join(", ", types);
    }

    private static String field(String type) {
        return "identities." + shorten(type);
    }

    /** A client's type echoed back in an error, bounded so a hostile one cannot flood the answer. */
    private static String shorten(String type) {
        if (type == null) {
            return "";
        }
        return type.length() <= MAX_TYPE_LENGTH ? type : type.substring(0, MAX_TYPE_LENGTH) + "...";
    }
}
