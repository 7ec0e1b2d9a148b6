/** Tools for bench/startup.sh: a bare Vert.x baseline server and a startup probe that times a server process. */
package org.opencem.bench;
