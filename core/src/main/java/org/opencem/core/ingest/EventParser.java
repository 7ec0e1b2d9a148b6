package org.opencem.core.ingest;

import org.opencem.api.customer.Identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencem.core.customer.CustomerInput;
import org.opencem.core.http.Json;
import org.opencem.core.http.JsonBody;

/**
 * Validates one event of a request, naming every bad field, and turns it into an {@link EventRequest}.
 */
@Singleton
public final class EventParser {

    static final int MAX_PROPERTIES_BYTES = 16 * 1024;

    private static final Set<String> FIELDS = Set.of("id", "type", "channel", "touchpoint", "occurredAt", "customer",
            "value", "properties");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** DECIMAL(19, 4): 15 digits before the point, 4 after. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1e15");

    private final CustomerInput customerInput;
    private final Clock clock;

    @Inject
    EventParser(CustomerInput customerInput, Clock clock) {
        this.customerInput = customerInput;
        this.clock = clock;
    }

    /**
     * @param body the event object; bad fields are recorded as its errors
     * @param receivedAt when the request came, the default {@code occurredAt}
     * @return the event, or empty when a field is bad (see {@code body.errors()})
     */
    public Optional<EventRequest> parse(JsonBody body, Instant receivedAt) {
        body.only(FIELDS);
        String id = IngestFields.id(body);
        String type = body.requiredText("type", 64);
        if (!type.isEmpty() && !TYPE.matcher(type).matches()) {
            body.error("type", "must start with a letter or digit and hold only letters, digits, '.', '_', ':' and '-'");
        }
        String channel = body.requiredText("channel", 100);
        String touchpoint = body.requiredText("touchpoint", 100);
        Instant occurredAt = IngestFields.occurredAt(body, receivedAt, clock.instant());
        Optional<CustomerInput.Named> customer = customerInput.customer(body);
        if (customer.isEmpty()) {
            body.error("customer", "is required: {\"identities\": {\"email\": \"ana@example.com\"}}");
        }
        List<Identity> identities = customer.map(CustomerInput.Named::identities).orElse(List.of());
        Map<String, Object> attributes = customer.map(CustomerInput.Named::attributes).orElse(Map.of());
        Optional<BigDecimal> amount = Optional.empty();
        Optional<String> currency = Optional.empty();
        Optional<JsonBody> value = body.optionalChild("value");
        if (value.isPresent()) {
            JsonBody part = value.get().only(Set.of("amount", "currency"));
            amount = part.optionalDecimal("amount").filter(a -> validAmount(part, a));
            currency = part.optionalText("currency", 3);
            if (currency.isPresent() && !CURRENCY.matcher(currency.get()).matches()) {
                part.error("currency", "must be an ISO 4217 code of three capital letters, for example EUR");
            }
            if (part.node().get("amount") == null) {
                part.error("amount", "is required with a value");
            }
            if (part.node().get("currency") == null) {
                part.error("currency", "is required with a value");
            }
        }
        String properties = properties(body);
        if (!body.errors().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EventRequest(id, type, channel, touchpoint, occurredAt,
                identities, attributes, amount, currency, properties, CanonicalJson.sha256(body.node())));
    }

    private static boolean validAmount(JsonBody part, BigDecimal amount) {
        if (amount.abs().compareTo(MAX_AMOUNT) >= 0) {
            part.error("amount", "must be less than 10^15 in absolute value");
            return false;
        }
        if (amount.stripTrailingZeros().scale() > 4) {
            part.error("amount", "must have at most 4 decimal places");
            return false;
        }
        return true;
    }

    private static String properties(JsonBody body) {
        Optional<JsonNode> properties = body.optionalNode("properties");
        if (properties.isEmpty()) {
            return "{}";
        }
        if (!properties.get().isObject()) {
            body.error("properties", "must be an object");
            return "{}";
        }
        try {
            String json = Json.MAPPER.writeValueAsString(properties.get());
            if (json.length() > MAX_PROPERTIES_BYTES) {
                body.error("properties", "must be at most " + MAX_PROPERTIES_BYTES + " characters as JSON");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON object can always be written", e);
        }
    }
}
