package org.opencem.core.survey;

import java.util.List;
import java.util.UUID;

/**
 * A survey as a client sent it to create or replace one, checked and with every question's texts resolved.
 *
 * @param name the admin-given name
 * @param defaultLocale the fallback locale
 * @param questions the questions, in order
 * @param channels the channel instances it runs on, without repeats
 * @param touchpoints the touchpoint keys it runs at, without repeats
 * @param fatigue how often it may ask a customer
 */
record SurveyDraft(String name, String defaultLocale, List<QuestionDefinition> questions, List<UUID> channels,
                   List<String> touchpoints, Fatigue fatigue) {
}
