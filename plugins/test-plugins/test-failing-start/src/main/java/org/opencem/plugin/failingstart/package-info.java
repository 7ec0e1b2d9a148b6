/** Test fixture: a plugin whose {@code start()} throws, so the core must mark it FAILED and go on. */
package org.opencem.plugin.failingstart;
