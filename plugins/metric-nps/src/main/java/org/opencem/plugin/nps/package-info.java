/** Net Promoter Score: the {@code nps} question (0-10) and the {@code nps} metric. */
package org.opencem.plugin.nps;
