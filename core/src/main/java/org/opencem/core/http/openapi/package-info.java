/** The OpenAPI document of {@code /api/v1}: every request is checked against it, and it is served with Swagger UI. */
package org.opencem.core.http.openapi;
