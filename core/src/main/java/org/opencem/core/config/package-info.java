/** Server settings: YAML file with environment overrides. */
package org.opencem.core.config;
