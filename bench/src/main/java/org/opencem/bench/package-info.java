/**
 * Tools for the benchmark scripts: a bare Vert.x baseline server and a startup probe (bench/startup.sh), the
 * event ingest load generator with its raw JDBC baseline (bench/ingest.sh), the customer profile data loader and
 * probe (bench/profile.sh), and the analytics data loader, raw GROUP BY baseline and probe (bench/analytics.sh).
 */
package org.opencem.bench;
