/** Customer Effort Score: the {@code ces} question (1-7) and the {@code ces} metric. */
package org.opencem.plugin.ces;
