/** Surveys: their questions per version, texts per locale, channels, touchpoints, lifecycle and fatigue rules. */
package org.opencem.core.survey;
