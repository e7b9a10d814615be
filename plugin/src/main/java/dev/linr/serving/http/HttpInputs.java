package dev.linr.serving.http;

import ai.djl.modality.Input;
import dev.linr.serving.BadRequestException;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as a DJL {@link Input}, as DJL Serving builds it: every query parameter value is
 * a content entry under its name; every header is a property (DJL's properties are
 * case-insensitive), with {@code content-type} reduced to the bare MIME type; the body is the
 * {@code data} entry, except that the fields of a form-urlencoded or multipart body become entries
 * under their own names. Stateless.
 */
final class HttpInputs {
  private HttpInputs() {}

  /**
   * @throws BadRequestException for a form body that does not decode
   */
  static Input toInput(FullHttpRequest request, QueryStringDecoder query) {
    Input input = new Input();
    for (Map.Entry<String, List<String>> p : query.parameters().entrySet()) {
      for (String value : p.getValue()) {
        input.add(p.getKey(), value);
      }
    }
    for (Map.Entry<String, String> h : request.headers()) {
      input.addProperty(h.getKey(), h.getValue());
    }
    CharSequence mime = HttpUtil.getMimeType(request);
    if (mime != null) {
      input.addProperty("content-type", mime.toString());
    }
    if (HttpPostRequestDecoder.isMultipart(request)
        || HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.contentEqualsIgnoreCase(mime)) {
      addForm(request, input);
    } else {
      input.add("data", ByteBufUtil.getBytes(request.content()));
    }
    return input;
  }

  private static void addForm(FullHttpRequest request, Input input) {
    boolean hasBody = request.content().isReadable();
    HttpPostRequestDecoder form;
    try {
      form = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request);
    } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
      throw new BadRequestException("Malformed form body: " + e.getMessage(), e);
    }
    try {
      List<InterfaceHttpData> fields = form.getBodyHttpDatas();
      if (fields.isEmpty() && form.isMultipart() && hasBody) {
        // The decoder waits for a delimiter that never comes instead of failing.
        throw new BadRequestException("Malformed multipart body: no part found");
      }
      for (InterfaceHttpData field : fields) {
        input.add(field.getName(), bytes(field));
      }
    } catch (HttpPostRequestDecoder.NotEnoughDataDecoderException
        | HttpPostRequestDecoder.ErrorDataDecoderException e) {
      throw new BadRequestException("Malformed form body: " + e.getMessage(), e);
    } finally {
      form.destroy();
    }
  }

  private static byte[] bytes(InterfaceHttpData field) {
    try {
      if (field instanceof FileUpload upload) {
        return upload.get();
      }
      if (field instanceof Attribute attribute) {
        return attribute.getValue().getBytes(StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new BadRequestException("Malformed form field " + field.getName(), e);
    }
    throw new BadRequestException("Unsupported form field " + field.getName());
  }
}
