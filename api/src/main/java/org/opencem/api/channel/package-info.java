/** Channels: the ways a survey reaches customers (email, website widget, kiosk). */
package org.opencem.api.channel;
