/**
 * Implementation of the JDBC store: JSON codec, AES-GCM sealing, schema migrations, leases and
 * SQL dialects. Not API: may change in any release.
 */
package io.github.slothunter.store.jdbc.internal;
