/** Test fixture: a plugin requiring api {@code >=99.0.0}, which the core must refuse to start. */
package org.opencem.plugin.futureapi;
