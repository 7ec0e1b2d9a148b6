/** Users, sessions, API tokens, roles and the first-start admin. */
package org.opencem.core.auth;
