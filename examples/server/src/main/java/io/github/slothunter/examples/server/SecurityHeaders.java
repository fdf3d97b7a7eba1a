package io.github.slothunter.examples.server;

import io.javalin.http.Context;

/**
 * Headers on every answer that keep the dashboard safe even if some user text slipped through
 * unescaped: scripts, styles and connections only from this origin (no inline script), no framing,
 * no MIME sniffing, no referrer. Stateless.
 */
final class SecurityHeaders {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
      + " frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
  }
}
