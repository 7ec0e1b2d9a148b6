/** Test fixture: the {@code test-echo} channel type, which echoes its configuration and can be made to throw. */
package org.opencem.plugin.testchannel;
