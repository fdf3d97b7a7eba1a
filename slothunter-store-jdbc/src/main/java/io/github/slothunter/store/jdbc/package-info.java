/**
 * A persistent {@link io.github.slothunter.spi.Store} over JDBC:
 * {@link io.github.slothunter.store.jdbc.JdbcStore}, embedded H2 by default and PostgreSQL in
 * production, where several engine instances share the work through target leases. Public API;
 * {@code io.github.slothunter.store.jdbc.internal} is not.
 *
 * <p><b>Why a small migration runner instead of Flyway.</b> The store ships two short SQL
 * migrations and needs four things: apply them in order, each in a transaction; record each with a
 * checksum; refuse a changed migration; refuse a database a newer library migrated. That is about
 * a hundred lines ({@code internal.MigrationRunner}), while Flyway would be one more dependency for
 * every host (13.x splits PostgreSQL support into another artifact, and its version would have to
 * converge with a host that already uses Flyway for its own schema), and its default location
 * {@code db/migration} would mix our scripts into the host's. The same scripts run on PostgreSQL
 * and on H2 in PostgreSQL mode, so there is no per-dialect script tree to manage either.
 *
 * <p>Nothing here accepts or returns {@code null} unless its Javadoc says so.
 */
package io.github.slothunter.store.jdbc;
