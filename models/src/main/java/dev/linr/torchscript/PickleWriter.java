package dev.linr.torchscript;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Emits pickle protocol 2 opcodes, the subset that TorchScript's {@code data.pkl} needs. No memo is
 * written. Integers use the shortest of BININT1 (0..255), BININT (32-bit signed) and LONG1 with
 * exactly 8 bytes, the only LONG1 length libtorch's unpickler accepts.
 */
final class PickleWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** PROTO 2. */
  PickleWriter proto() {
    out.write(0x80);
    out.write(2);
    return this;
  }

  /** GLOBAL: pushes {@code module.name}. */
  PickleWriter global(String module, String name) {
    if (module.indexOf('\n') >= 0 || name.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("newline in global " + module + "." + name);
    }
    out.write('c');
    writeUtf8(module + "\n" + name + "\n");
    return this;
  }

  PickleWriter mark() {
    return op('(');
  }

  PickleWriter emptyTuple() {
    return op(')');
  }

  /** TUPLE: the items since the last MARK. */
  PickleWriter tuple() {
    return op('t');
  }

  PickleWriter emptyDict() {
    return op('}');
  }

  /** SETITEMS: key/value pairs since the last MARK into the dict below it. */
  PickleWriter setItems() {
    return op('u');
  }

  PickleWriter newObj() {
    return op(0x81);
  }

  PickleWriter build() {
    return op('b');
  }

  PickleWriter reduce() {
    return op('R');
  }

  PickleWriter binPersId() {
    return op('Q');
  }

  PickleWriter stop() {
    return op('.');
  }

  /** NEWTRUE or NEWFALSE. */
  PickleWriter bool(boolean value) {
    return op(value ? 0x88 : 0x89);
  }

  /** A Python int. */
  PickleWriter integer(long value) {
    if (value >= 0 && value <= 0xFF) {
      out.write('K');
      out.write((int) value);
    } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
      out.write('J');
      writeLittleEndian(value, 4);
    } else {
      out.write(0x8a);
      out.write(8);
      writeLittleEndian(value, 8);
    }
    return this;
  }

  /** BINFLOAT: a Python float, big-endian IEEE 754 double. */
  PickleWriter float64(double value) {
    out.write('G');
    long bits = Double.doubleToRawLongBits(value);
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (bits >>> shift));
    }
    return this;
  }

  /** BINUNICODE: a Python str, UTF-8 with a 4-byte length. */
  PickleWriter string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.write('X');
    writeLittleEndian(utf8.length, 4);
    out.writeBytes(utf8);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private PickleWriter op(int opcode) {
    out.write(opcode);
    return this;
  }

  private void writeUtf8(String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private void writeLittleEndian(long value, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (value >>> (8 * i)));
    }
  }
}
