/** Typed configuration schemas that the core validates and the admin console renders as forms. */
package org.opencem.api.config;
