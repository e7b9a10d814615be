package dev.linr.serving.http;

import ai.djl.modality.Output;
import ai.djl.ndarray.BytesSupplier;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A DJL {@link Output} as an HTTP reply, as DJL Serving writes it: the code is the status, the
 * properties are headers (so a translator sets {@code Content-Type}), the data is the body.
 * Properties that would break the framing ({@code content-length}, {@code transfer-encoding},
 * {@code connection}) are dropped: the server sets those. Stateless.
 */
final class HttpResponses {
  private static final Set<String> FRAMING =
      Set.of("content-length", "transfer-encoding", "connection", RequestIds.HEADER);

  private HttpResponses() {}

  static HttpReply fromOutput(Output output) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : output.getProperties().entrySet()) {
      if (!FRAMING.contains(p.getKey().toLowerCase(Locale.ROOT))) {
        headers.put(p.getKey(), p.getValue());
      }
    }
    BytesSupplier data = output.getData();
    return new HttpReply(output.getCode(), headers, data == null ? new byte[0] : data.getAsBytes());
  }
}
