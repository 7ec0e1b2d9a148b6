/** The store: connection pool, migrations, jOOQ, and running blocking work off the event loop. */
package org.opencem.core.store;
