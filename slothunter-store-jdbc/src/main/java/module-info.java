/**
 * A persistent {@link io.github.slothunter.spi.Store} over JDBC:
 * {@link io.github.slothunter.store.jdbc.JdbcStore}, embedded H2 or PostgreSQL. Exports only
 * {@code io.github.slothunter.store.jdbc}; {@code io.github.slothunter.store.jdbc.internal} is not
 * exported.
 *
 * <p>H2 is optional: only {@link io.github.slothunter.store.jdbc.JdbcStore.Builder#h2} needs
 * {@code com.h2database}. The PostgreSQL driver is never referenced: the host passes a
 * {@link javax.sql.DataSource}.
 */
// H2 ships no module-info; its name comes from the Automatic-Module-Name in its manifest (stable).
@SuppressWarnings("requires-automatic")
module io.github.slothunter.store.jdbc {
  // JdbcStore implements spi.Store and its builder takes a javax.sql.DataSource
  requires transitive io.github.slothunter.api;
  requires transitive java.sql;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static com.h2database;
  // H2's JdbcDataSource implements javax.naming.Referenceable, and H2 (an automatic module) does not
  // say so: without this, the embedded store fails to load H2's data source on the module path
  requires java.naming;

  exports io.github.slothunter.store.jdbc;
}
