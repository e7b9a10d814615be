package dev.linr.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loads archives written here with the real PyTorch ({@code torch.jit.load}) and compares bits. */
class TorchCrossCheckTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String LABEL = "héllo ✓ \"quoted\"";
  private static final long BIG = 1L << 40;

  private static final String LOAD_SCRIPT =
      String.join(
          "\n",
          "import sys, json, struct, zipfile, torch",
          "assert zipfile.ZipFile(sys.argv[1]).testzip() is None",
          "m = torch.jit.load(sys.argv[1])",
          "def raw(t):",
          "  return t.detach().contiguous().reshape(-1).view(torch.uint8).numpy().tobytes().hex()",
          "out = {",
          "  'buffers': [[n, str(t.dtype), list(t.shape), list(t.stride()), raw(t)]",
          "              for n, t in m.named_buffers()],",
          "  'n': m.n, 'big': m.big, 'neg': m.neg, 'flag': m.flag, 'label': m.label,",
          "  'scale': struct.pack('>d', m.scale).hex(),",
          "  'training': m._c.getattr('training'),",
          "  'forward': raw(m(torch.zeros(3))),",
          "}",
          "print(json.dumps(out))",
          "");

  @TempDir Path dir;

  private record Buffer(String name, TensorDType dtype, long[] shape, byte[] data) {}

  /**
   * Every dtype, a zero-size and a 0-dim tensor and every kind of plain attribute; once with the
   * normal zip64 threshold and once with zip64 records forced by a threshold of 1000 bytes.
   */
  @ParameterizedTest
  @ValueSource(longs = {0xFFFFFFFFL, 1000})
  void torchLoadsEveryBufferAttributeAndRunsForward(long zip64Threshold) throws Exception {
    Python.assumeTorch();
    Random random = new Random(42);
    List<Buffer> buffers = new ArrayList<>();
    short[] halves = new short[12];
    for (int i = 0; i < halves.length; i++) {
      int bits = random.nextInt(1 << 16);
      halves[i] = (short) ((bits & 0x7c00) == 0x7c00 ? bits & ~0x4000 : bits); // finite
    }
    ByteBuffer emb = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (short h : halves) {
      emb.putShort(h);
    }
    buffers.add(new Buffer("emb", TensorDType.FLOAT16, new long[] {4, 3}, emb.array()));
    buffers.add(randomBuffer(random, "vecs", TensorDType.FLOAT32, 20, 30));
    buffers.add(randomBuffer(random, "bf", TensorDType.BFLOAT16, 3, 2));
    buffers.add(randomBuffer(random, "ids", TensorDType.INT64, 6));
    buffers.add(randomBuffer(random, "codes", TensorDType.INT8, 2, 3, 4));
    buffers.add(randomBuffer(random, "i32", TensorDType.INT32, 3));
    buffers.add(randomBuffer(random, "i16", TensorDType.INT16, 3));
    buffers.add(randomBuffer(random, "u8", TensorDType.UINT8, 5));
    buffers.add(randomBuffer(random, "f64", TensorDType.FLOAT64, 2));
    byte[] alive = new byte[5];
    for (int i = 0; i < alive.length; i++) {
      alive[i] = (byte) random.nextInt(2);
    }
    buffers.add(new Buffer("alive", TensorDType.BOOL, new long[] {5}, alive));
    buffers.add(new Buffer("empty", TensorDType.FLOAT32, new long[] {0, 4}, new byte[0]));
    buffers.add(randomBuffer(random, "scalar", TensorDType.INT64));

    Path zip = dir.resolve("index.pt");
    try (TorchScriptArchiveWriter w =
        new TorchScriptArchiveWriter(zip, "index", "IndexModel", source(buffers), zip64Threshold)) {
      w.addInt("n", 5);
      for (Buffer b : buffers.subList(0, 6)) {
        w.addTensor(b.name(), b.dtype(), b.shape(), TorchScriptArchiveWriterTest.bytes(b.data()));
      }
      w.addInt("big", BIG);
      w.addInt("neg", -7);
      w.addFloat("scale", 2.5);
      w.addBool("flag", true);
      w.addString("label", LABEL);
      for (Buffer b : buffers.subList(6, buffers.size())) {
        w.addTensor(b.name(), b.dtype(), b.shape(), TorchScriptArchiveWriterTest.bytes(b.data()));
      }
    }

    Map<String, byte[]> storages = new LinkedHashMap<>();
    try (TorchScriptArchiveReader r = TorchScriptArchiveReader.open(zip)) {
      for (String key : r.storageKeys()) {
        storages.put("index/data/" + key, r.read(r.storage(key)));
      }
    }
    for (int i = 0; i < buffers.size(); i++) {
      assertArrayEquals(buffers.get(i).data(), storages.get("index/data/" + i));
    }
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      for (Map.Entry<String, byte[]> e : storages.entrySet()) {
        assertArrayEquals(e.getValue(), z.getInputStream(z.getEntry(e.getKey())).readAllBytes());
      }
    }

    JsonObject out =
        JsonParser.parseString(Python.run(LOAD_SCRIPT, zip.toString())).getAsJsonObject();
    JsonArray loaded = out.getAsJsonArray("buffers");
    assertEquals(buffers.size(), loaded.size());
    for (int i = 0; i < buffers.size(); i++) {
      Buffer b = buffers.get(i);
      JsonArray t = loaded.get(i).getAsJsonArray();
      TensorLayout layout = TensorLayout.contiguous(b.dtype(), b.shape());
      assertEquals(b.name(), t.get(0).getAsString());
      assertEquals(torchName(b.dtype()), t.get(1).getAsString(), b.name());
      assertEquals(Arrays.toString(b.shape()), longs(t.get(2)), b.name());
      assertEquals(Arrays.toString(layout.strides()), longs(t.get(3)), b.name());
      assertEquals(HEX.formatHex(b.data()), t.get(4).getAsString(), b.name());
    }
    assertEquals(5, out.get("n").getAsLong());
    assertEquals(BIG, out.get("big").getAsLong());
    assertEquals(-7, out.get("neg").getAsLong());
    assertEquals(
        String.format("%016x", Double.doubleToRawLongBits(2.5)), out.get("scale").getAsString());
    assertEquals(true, out.get("flag").getAsBoolean());
    assertEquals(LABEL, out.get("label").getAsString());
    assertEquals(false, out.get("training").getAsBoolean());

    ByteBuffer expected = ByteBuffer.allocate(halves.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (short h : halves) {
      expected.putFloat(halfToFloat(h) * 2.5f + 0f);
    }
    assertEquals(HEX.formatHex(expected.array()), out.get("forward").getAsString());
  }

  /** The reader also understands archives that torch itself wrote. */
  @Test
  void readerLocatesStoragesOfTorchWrittenArchive() throws Exception {
    Python.assumeTorch();
    Path zip = dir.resolve("torch.pt");
    String script =
        String.join(
            "\n",
            "import sys, torch",
            "class M(torch.nn.Module):",
            "  def __init__(self):",
            "    super().__init__()",
            "    torch.manual_seed(0)",
            "    self.register_buffer('emb', torch.randn(4, 3).half())",
            "    self.register_buffer('alive', torch.ones(4, dtype=torch.bool))",
            "    self.register_buffer('ids', torch.arange(4))",
            "  def forward(self, q: torch.Tensor) -> torch.Tensor:",
            "    return self.emb.float() * 2.0",
            "torch.jit.save(torch.jit.script(M()), sys.argv[1])",
            "for n, t in M().named_buffers():",
            "  print(t.contiguous().reshape(-1).view(torch.uint8).numpy().tobytes().hex())",
            "");
    List<String> expected = Python.run(script, zip.toString()).lines().toList();
    try (TorchScriptArchiveReader r = TorchScriptArchiveReader.open(zip)) {
      assertEquals(List.of("0", "1", "2"), r.storageKeys());
      List<String> actual = new ArrayList<>();
      for (String key : r.storageKeys()) {
        actual.add(HEX.formatHex(r.read(r.storage(key))));
        assertEquals(0, r.storage(key).dataOffset() % 64);
      }
      assertEquals(expected, actual);
    }
  }

  private static String source(List<Buffer> buffers) {
    StringBuilder s = new StringBuilder("class IndexModel(Module):\n");
    s.append("  __parameters__ = []\n");
    s.append("  __buffers__ = [")
        .append(buffers.stream().map(b -> "\"" + b.name() + "\", ").collect(Collectors.joining()))
        .append("]\n");
    for (Buffer b : buffers) {
      s.append("  ").append(b.name()).append(" : Tensor\n");
    }
    s.append("  n : int\n  big : int\n  neg : int\n  scale : float\n");
    s.append("  flag : bool\n  label : str\n  training : bool\n");
    s.append("  def forward(self: __torch__.IndexModel,\n    q: Tensor) -> Tensor:\n");
    s.append("    return self.emb.float() * self.scale + q\n");
    return s.toString();
  }

  private static Buffer randomBuffer(Random random, String name, TensorDType dtype, long... shape) {
    byte[] data = new byte[(int) TensorLayout.contiguous(dtype, shape).byteSize()];
    random.nextBytes(data);
    return new Buffer(name, dtype, shape, data);
  }

  private static String torchName(TensorDType dtype) {
    return "torch." + dtype.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String longs(JsonElement array) {
    long[] values = new long[array.getAsJsonArray().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.getAsJsonArray().get(i).getAsLong();
    }
    return Arrays.toString(values);
  }

  /** Widens IEEE binary16 bits exactly. */
  private static float halfToFloat(short bits) {
    int h = bits & 0xffff;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    float magnitude =
        exponent == 0
            ? mantissa * 0x1p-24f
            : Float.intBitsToFloat(((exponent - 15 + 127) << 23) | (mantissa << 13));
    return (h & 0x8000) != 0 ? -magnitude : magnitude;
  }
}
