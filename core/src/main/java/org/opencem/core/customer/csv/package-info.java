/** Customers to and from CSV files: the streamed import with its report, and the streamed export. */
package org.opencem.core.customer.csv;
