/** What a plugin learns about itself from the core. */
package org.opencem.api.plugin;
