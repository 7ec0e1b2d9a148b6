/** The HTTP server: routing, limits, security headers, problem answers. */
package org.opencem.core.http;
