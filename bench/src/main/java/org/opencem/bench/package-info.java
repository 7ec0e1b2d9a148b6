/**
 * Tools for the benchmark scripts: a bare Vert.x baseline server and a startup probe (bench/startup.sh), and the
 * event ingest load generator with its raw JDBC baseline (bench/ingest.sh).
 */
package org.opencem.bench;
