package io.github.slothunter.examples.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a malformed request line, an ambiguous path, headers too large: things
 * rejected before the API sees them) as the API's {@code {code, message}} JSON instead of an HTML
 * page. Never shows a stack trace. Thread-safe.
 */
final class JsonErrorHandler extends ErrorHandler {

  JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    byte[] body = body(code, message).getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  static String body(int status, String message) {
    String code;
    switch (status) {
      case 404:
        code = "NOT_FOUND";
        break;
      case 405:
        code = "METHOD_NOT_ALLOWED";
        break;
      case 413:
        code = "PAYLOAD_TOO_LARGE";
        break;
      default:
        code = status >= 500 ? "INTERNAL" : "INVALID_INPUT";
    }
    String m = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
    com.fasterxml.jackson.databind.node.ObjectNode n = Json.object();
    n.put("code", code);
    n.put("message", m.length() > 200 ? m.substring(0, 200) : m);
    return Json.write(n);
  }
}
