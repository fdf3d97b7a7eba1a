/**
 * What the server and the Telegram bot examples share for their own state: {@code AppDatabase} (a
 * durable pooled database beside the engine's {@code JdbcStore}), {@code SecretSealer} (AES-GCM
 * sealing of personal and secret values per row), {@code OwnerOnlyFiles} (owner-only directories and
 * atomically created key files). Not part of the SDK.
 */
package io.github.slothunter.examples.support;
