package dev.linr.torchscript;

import java.util.List;

/**
 * Pickles a module object, the content of an archive's {@code data.pkl}: an instance of {@code
 * __torch__.<className>} whose state dict holds {@code training=False} followed by the attributes
 * in the given order.
 */
final class ModulePickler {
  /** A named attribute of the module. */
  record Attribute(String name, PickleValue value) {}

  private ModulePickler() {}

  static byte[] pickle(String className, List<Attribute> attributes) {
    PickleWriter p = new PickleWriter().proto();
    p.global("__torch__", className).emptyTuple().newObj();
    p.emptyDict().mark();
    p.string("training").bool(false);
    for (Attribute attribute : attributes) {
      p.string(attribute.name());
      attribute.value().writeTo(p);
    }
    return p.setItems().build().stop().toByteArray();
  }
}
