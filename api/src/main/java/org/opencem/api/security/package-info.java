/** Signed tokens that protect public links and pages. */
package org.opencem.api.security;
