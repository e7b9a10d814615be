package dev.linr.serving.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a listener binds: {@code http://host:port} as written in {@code inference_address} and
 * {@code management_address}. Port 0 asks for a free port. Immutable.
 *
 * @param host a host name or IP literal (IPv6 without brackets)
 * @param port 0 to 65535
 */
public record ServerAddress(String host, int port) {
  public ServerAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got: " + port);
    }
  }

  /**
   * Parses {@code http://host:port} (the port defaults to 80).
   *
   * @param key the configuration key, for the message
   * @throws IllegalArgumentException naming the key and the expected form
   */
  public static ServerAddress parse(String key, String value) {
    String expected = key + " must be http://host:port, got: " + value;
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(expected, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new IllegalArgumentException(
          expected + (scheme.equals("https") ? " (https is not supported)" : ""));
    }
    String host = uri.getHost();
    boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty();
    if (host == null || hasPath && !uri.getRawPath().equals("/") || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(expected);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new ServerAddress(host, uri.getPort() == -1 ? 80 : uri.getPort());
  }

  /** The same host with another port. */
  public ServerAddress withPort(int newPort) {
    return new ServerAddress(host, newPort);
  }

  /** The socket address to bind. */
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(host, port);
  }

  /** {@code http://host:port}, IPv6 hosts in brackets. */
  public String url() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return url();
  }
}
