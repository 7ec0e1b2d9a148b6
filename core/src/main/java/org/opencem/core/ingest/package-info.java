/** Interaction ingest: event validation, idempotency and the group-commit writer. */
package org.opencem.core.ingest;
