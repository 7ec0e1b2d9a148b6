/** The only api package that sees Vert.x web types: the public routes a channel mounts. */
package org.opencem.api.http;
