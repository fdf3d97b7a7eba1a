/**
 * Implementation of the JDBC store: JSON codec, AES-GCM sealing, schema migrations, leases and
 * SQL dialects, and the SQL of the tables the store delegates ({@code Outbox}: the event outbox;
 * {@code OwnerPatients}: the sealed patient books; {@code Polls}: snapshots, slot history and what
 * each watch was told). Not API: may change in any release.
 */
package io.github.slothunter.store.jdbc.internal;
