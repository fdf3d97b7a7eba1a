/**
 * The SlotHunter server: a small deployable service that embeds the engine behind a versioned REST
 * API ({@code /api/v1}), a live web dashboard fed by Server-Sent Events, and HMAC-signed webhooks.
 *
 * <p>{@link io.github.slothunter.examples.server.ServerMain} parses the command line and starts a
 * {@link io.github.slothunter.examples.server.SlotHunterServer}, which wires the engine, the JDBC
 * store, the server's own tables (owners, API keys, webhooks, delivery log, bookings), the event
 * hub and the HTTP routes together. {@link io.github.slothunter.examples.server.WebhookSignature}
 * shows receivers how to check a delivery. An example, not a published library: its types may
 * change at any time.
 */
package io.github.slothunter.examples.server;
