package org.opencem.core.survey;

import static org.opencem.core.store.schema.Tables.INVITATION;
import static org.opencem.core.store.schema.Tables.RESPONSE;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.opencem.api.customer.Identity;
import org.opencem.core.customer.CustomerRepository;

/**
 * The fatigue rules, for whoever invites customers to surveys (the API, channel plugins). In order: only an active
 * survey invites; a customer is invited at most once per survey; no invitation while the customer was invited to,
 * or answered, any survey within this survey's quiet days; and only customers inside the survey's sample, chosen
 * by a hash of the survey id and the customer id (or, for an unknown customer, a normalized identity), so the
 * same customer gets the same answer every time and a rate of 0.3 keeps about 30% of customers. Never creates a
 * customer. Blocking; reads in the caller's transaction.
 */
@Singleton
public final class SurveyEligibility {

    private static final Comparator<Identity> IDENTITY_ORDER = Comparator.comparing(Identity::type).thenComparing(Identity::value);

    private final SurveyCatalog catalog;
    private final CustomerRepository customers;
    private final Clock clock;

    @Inject
    SurveyEligibility(SurveyCatalog catalog, CustomerRepository customers, Clock clock) {
        this.catalog = catalog;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * @param dsl the store, or the caller's transaction
     * @param surveyId the survey
     * @param identities the person's normalized identities, at least one
     * @return whether the survey may invite them now; empty when the survey does not exist
     */
    public Optional<Eligibility> check(DSLContext dsl, UUID surveyId, List<Identity> identities) {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("eligibility needs at least one identity");
        }
        Set<UUID> known = new TreeSet<>();
        customers.owners(dsl, identities).values().forEach(owner -> customers.survivorOf(dsl, owner).ifPresent(known::add));
        String sampleKey = known.isEmpty()
                ? identities.stream().min(IDENTITY_ORDER).map(id -> id.type() + ":" + id.value()).orElseThrow()
                : known.iterator().next().toString();
        return catalog.current(dsl, surveyId).map(survey -> evaluate(dsl, survey, known, sampleKey));
    }

    /**
     * @param dsl the store, or the caller's transaction
     * @param surveyId the survey
     * @param customerId a customer id (a merged one counts as its survivor)
     * @return whether the survey may invite the customer now; empty when the survey does not exist
     */
    public Optional<Eligibility> check(DSLContext dsl, UUID surveyId, UUID customerId) {
        Set<UUID> known = customers.survivorOf(dsl, customerId).map(Set::of).orElse(Set.of());
        String sampleKey = known.stream().findFirst().orElse(customerId).toString();
        return catalog.current(dsl, surveyId).map(survey -> evaluate(dsl, survey, known, sampleKey));
    }

    private Eligibility evaluate(DSLContext dsl, SurveyDefinition survey, Set<UUID> customerIds, String sampleKey) {
        if (survey.status() != SurveyStatus.ACTIVE) {
            return Eligibility.refused(Eligibility.Reason.SURVEY_NOT_ACTIVE);
        }
        if (!customerIds.isEmpty()) {
            if (dsl.fetchExists(INVITATION, INVITATION.SURVEY_ID.eq(survey.id()).and(INVITATION.CUSTOMER_ID.in(customerIds)))) {
                return Eligibility.refused(Eligibility.Reason.ALREADY_INVITED);
            }
            int quietDays = survey.fatigue().quietDays();
            Optional<Instant> quietUntil = quietDays == 0 ? Optional.empty() : lastContact(dsl, customerIds)
                    .map(last -> last.plus(Duration.ofDays(quietDays)))
                    .filter(until -> until.isAfter(clock.instant()));
            if (quietUntil.isPresent()) {
                return new Eligibility(false, Eligibility.Reason.QUIET_PERIOD, quietUntil.get());
            }
        }
        return sample(survey.id(), sampleKey) < survey.fatigue().samplingRate()
                ? Eligibility.ELIGIBLE : Eligibility.refused(Eligibility.Reason.NOT_SAMPLED);
    }

    /** The latest invitation (sent, else created) or response of the customers, in any survey. */
    private static Optional<Instant> lastContact(DSLContext dsl, Set<UUID> customerIds) {
        Instant invited = dsl.select(DSL.max(DSL.coalesce(INVITATION.SENT_AT, INVITATION.CREATED_AT))).from(INVITATION)
                .where(INVITATION.CUSTOMER_ID.in(customerIds)).fetchOne().value1();
        Instant answered = dsl.select(DSL.max(RESPONSE.OCCURRED_AT)).from(RESPONSE)
                .where(RESPONSE.CUSTOMER_ID.in(customerIds)).fetchOne().value1();
        return Stream.of(invited, answered).filter(Objects::nonNull).max(Comparator.naturalOrder());
    }

    /**
     * @param surveyId the survey
     * @param key the customer id, or a normalized identity
     * @return a number in [0, 1) that is the same for the same survey and key, uniformly spread across keys
     */
    static double sample(UUID surveyId, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((surveyId + "|" + key).getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
