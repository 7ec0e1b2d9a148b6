/** The single customer view: identities, their normalization, and resolving them to one customer. */
package org.opencem.core.customer;
