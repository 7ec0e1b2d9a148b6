/** Customer Satisfaction: the {@code csat} question (1-5) and the {@code csat} metric. */
package org.opencem.plugin.csat;
