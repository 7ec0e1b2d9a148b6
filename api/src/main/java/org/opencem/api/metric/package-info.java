/** Metrics (NPS, CSAT, CES...) computed from additive counters. */
package org.opencem.api.metric;
