/** The audit log of admin actions. */
package org.opencem.core.audit;
