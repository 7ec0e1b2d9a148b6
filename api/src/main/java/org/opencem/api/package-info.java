/** The OpenCEM plugin SDK: the only types a plugin compiles against. */
package org.opencem.api;
