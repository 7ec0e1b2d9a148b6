/** Channel instances: configuration, lifecycle and public route mounting. */
package org.opencem.core.channel;
