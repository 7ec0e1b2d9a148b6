/** Annotations that state the stability promise of api types. */
package org.opencem.api.annotation;
