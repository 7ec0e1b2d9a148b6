/** Signing of public link tokens. */
package org.opencem.core.security;
