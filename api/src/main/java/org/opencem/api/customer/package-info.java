/** The single customer view: customers, their identities and their interactions. */
package org.opencem.api.customer;
