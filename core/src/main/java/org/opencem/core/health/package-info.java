/** Liveness, readiness and metrics endpoints. */
package org.opencem.core.health;
