/** A plugin's own tables, next to the shared customer store. */
package org.opencem.api.store;
