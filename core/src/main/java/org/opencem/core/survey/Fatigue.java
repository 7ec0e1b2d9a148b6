package org.opencem.core.survey;

/**
 * How often a survey may ask a customer.
 *
 * @param quietDays no invitation when the customer was invited or answered any survey within this many days (0: no
 *     quiet period)
 * @param samplingRate the share of eligible customers asked, from 0 to 1, chosen deterministically per customer
 */
public record Fatigue(int quietDays, double samplingRate) {

    /** Thirty quiet days, everyone sampled. */
    public static final Fatigue DEFAULT = new Fatigue(30, 1.0);
}
