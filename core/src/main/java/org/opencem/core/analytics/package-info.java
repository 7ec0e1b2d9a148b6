/** Metric rollups (additive counters per metric, survey, question, channel, touchpoint and day) and the analytics read from them. */
package org.opencem.core.analytics;
