/** The PF4J plugin runtime with one Guice child injector per plugin, and its REST API. */
package org.opencem.core.plugin;
