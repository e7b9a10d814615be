package dev.linr.torchscript;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a TorchScript module archive, the file that {@code torch.jit.save} writes and that {@code
 * torch.jit.load} and DJL's PyTorch engine load: one module of class {@code __torch__.<className>}
 * whose tensors and plain attributes are added one by one, and whose code the caller supplies.
 *
 * <p>Layout, all under the top folder {@code archiveName/}: {@code data/0}, {@code data/1}, ...
 * (the tensors' storages in the order added, raw little-endian), {@code data.pkl} (the pickled
 * module), {@code code/__torch__.py} (the class source), {@code constants.pkl} (an empty tuple) and
 * {@code version} (file format version {@value #FORMAT_VERSION}, as PyTorch 1.13 writes). Every
 * entry is stored uncompressed with its data 64-byte aligned, so storages can be memory-mapped;
 * archives over 4 GiB use zip64 (see {@link ZipStreamWriter}).
 *
 * <p>The class source is TorchScript's serialized dialect, e.g. {@code class IndexModel(Module):}
 * followed by {@code __parameters__ = []}, {@code __buffers__ = ["emb", ]}, one declaration per
 * attribute ({@code emb : Tensor}, {@code n : int}, {@code training : bool}) and the methods. It
 * must declare every attribute added here and {@code training}, which the writer sets to False.
 *
 * <p>Tensors are written as they are added, streamed to the file. Any exception from an {@code add}
 * method leaves the archive incomplete: {@link #close()} then deletes the file and throws, and
 * {@link #abort()} deletes it quietly. Not thread-safe.
 */
public final class TorchScriptArchiveWriter implements Closeable {
  /** The value of the archive's {@code version} record. */
  public static final int FORMAT_VERSION = 3;

  private static final Pattern ARCHIVE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final byte[] EMPTY_TUPLE_PICKLE = {(byte) 0x80, 2, ')', '.'};

  private final ZipStreamWriter zip;
  private final Path file;
  private final String prefix;
  private final String className;
  private final String classSource;
  private final List<ModulePickler.Attribute> attributes = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private int storageCount;
  private boolean failed;
  private boolean closed;

  /**
   * Creates {@code zipFile}, replacing an existing one.
   *
   * @param archiveName the top folder inside the zip, e.g. {@code "index"}
   * @param className the module's class in module {@code __torch__}, e.g. {@code "IndexModel"}
   * @param classSource the full content of {@code code/__torch__.py}; must define {@code className}
   * @throws IllegalArgumentException for an invalid name or a source without {@code class
   *     <className>(}
   */
  public TorchScriptArchiveWriter(
      Path zipFile, String archiveName, String className, String classSource) throws IOException {
    this(zipFile, archiveName, className, classSource, ZipStreamWriter.ZIP64_THRESHOLD);
  }

  /** As the public constructor, with zip64 records from {@code zip64Threshold} bytes up. */
  TorchScriptArchiveWriter(
      Path zipFile, String archiveName, String className, String classSource, long zip64Threshold)
      throws IOException {
    if (archiveName == null || !ARCHIVE_NAME.matcher(archiveName).matches()) {
      throw new IllegalArgumentException("invalid archive name '" + archiveName + "'");
    }
    this.className = Identifiers.require(className, "class name");
    this.classSource = Objects.requireNonNull(classSource, "classSource");
    if (!classSource.contains("class " + className + "(")) {
      throw new IllegalArgumentException("class source does not define class " + className);
    }
    this.file = zipFile;
    this.prefix = archiveName + "/";
    this.zip = new ZipStreamWriter(zipFile, zip64Threshold);
  }

  /**
   * Adds a tensor attribute (a buffer or parameter) and streams its storage into the archive as
   * entry {@code data/<key>}; keys are "0", "1", ... in the order tensors are added. The tensor is
   * contiguous, row-major, at storage offset 0, without gradient.
   *
   * @param shape dimensions, none negative; empty for a 0-dim tensor
   * @param content writes exactly {@code numel * dtype.bytes()} bytes
   * @throws IllegalArgumentException for an invalid or duplicate name or an invalid shape
   * @throws IllegalStateException if the content is shorter or longer than declared (the message
   *     names the attribute) or the writer is closed or failed
   */
  public void addTensor(
      String attributeName, TensorDType dtype, long[] shape, TensorContent content)
      throws IOException {
    guard(
        () -> {
          TensorLayout layout = TensorLayout.contiguous(dtype, shape);
          Objects.requireNonNull(content, "content");
          reserve(attributeName);
          String key = Integer.toString(storageCount++);
          try {
            zip.writeEntry(prefix + "data/" + key, layout.byteSize(), content::writeTo);
          } catch (IllegalStateException e) {
            throw new IllegalStateException(
                "tensor '" + attributeName + "' " + layout + ": " + e.getMessage(), e);
          }
          attributes.add(
              new ModulePickler.Attribute(attributeName, new TensorReference(layout, key)));
        });
  }

  /**
   * Adds a float32 tensor holding {@code values} (copied now, little-endian), as {@link #addTensor}
   * does.
   *
   * @throws IllegalStateException also if {@code values} does not fill {@code shape}
   */
  public void addFloat32Tensor(String attributeName, long[] shape, float[] values)
      throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    addTensor(
        attributeName,
        TensorDType.FLOAT32,
        shape,
        out -> {
          ByteBuffer b = bytes.duplicate();
          while (b.hasRemaining()) {
            out.write(b);
          }
        });
  }

  /**
   * Adds a tensor whose bytes are the whole of {@code rawFile}, copied with {@link
   * FileChannel#transferTo}.
   *
   * @throws IllegalArgumentException also if the file's size is not {@code numel * dtype.bytes()}
   */
  public void addTensorFromFile(String attributeName, TensorDType dtype, long[] shape, Path rawFile)
      throws IOException {
    guard(
        () -> {
          TensorLayout layout = TensorLayout.contiguous(dtype, shape);
          long size = Files.size(rawFile);
          if (size != layout.byteSize()) {
            throw new IllegalArgumentException(
                String.format(
                    "tensor '%s': file %s has %d bytes, but %s needs %d",
                    attributeName, rawFile, size, layout, layout.byteSize()));
          }
        });
    addTensor(attributeName, dtype, shape, out -> transfer(rawFile, out));
  }

  /** Adds an attribute of TorchScript type {@code int} (64-bit). */
  public void addInt(String name, long value) {
    addPlain(name, p -> p.integer(value));
  }

  /** Adds an attribute of TorchScript type {@code float} (a double). */
  public void addFloat(String name, double value) {
    addPlain(name, p -> p.float64(value));
  }

  /** Adds an attribute of TorchScript type {@code bool}. */
  public void addBool(String name, boolean value) {
    addPlain(name, p -> p.bool(value));
  }

  /** Adds an attribute of TorchScript type {@code str}. */
  public void addString(String name, String value) {
    Objects.requireNonNull(value, "value");
    addPlain(name, p -> p.string(value));
  }

  /**
   * Writes {@code data.pkl} (attributes in the order added, after {@code training}), the code,
   * {@code constants.pkl}, {@code version} and the zip's central directory. Does nothing if already
   * closed or aborted.
   *
   * @throws IOException if an earlier {@code add} failed or writing fails; the file is deleted
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (failed) {
      zip.abort();
      throw new IOException(
          "TorchScript archive " + file + " was not completed because adding to it failed");
    }
    try {
      zip.writeEntry(prefix + "data.pkl", ModulePickler.pickle(className, attributes));
      zip.writeEntry(prefix + "code/__torch__.py", classSource.getBytes(StandardCharsets.UTF_8));
      zip.writeEntry(prefix + "constants.pkl", EMPTY_TUPLE_PICKLE);
      zip.writeEntry(prefix + "version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
      zip.close();
    } catch (IOException | RuntimeException e) {
      zip.abort();
      throw e;
    }
  }

  /** Closes and deletes the file unless {@link #close()} completed it. */
  public void abort() throws IOException {
    closed = true;
    zip.abort();
  }

  private void addPlain(String name, PickleValue value) {
    try {
      guard(
          () -> {
            reserve(name);
            attributes.add(new ModulePickler.Attribute(name, value));
          });
    } catch (IOException e) {
      throw new AssertionError("no I/O here", e);
    }
  }

  private void reserve(String name) {
    Identifiers.require(name, "attribute name");
    if (name.equals("training")) {
      throw new IllegalArgumentException("attribute 'training' is reserved; it is always False");
    }
    if (!names.add(name)) {
      throw new IllegalArgumentException("duplicate attribute '" + name + "'");
    }
  }

  private interface Step {
    void run() throws IOException;
  }

  /** Runs a step of building the archive; any failure marks the archive as failed. */
  private void guard(Step step) throws IOException {
    if (closed || failed) {
      throw new IllegalStateException(
          "TorchScript archive " + file + (failed ? " failed earlier" : " is closed"));
    }
    boolean done = false;
    try {
      step.run();
      done = true;
    } finally {
      failed = !done;
    }
  }

  private static void transfer(Path rawFile, WritableByteChannel out) throws IOException {
    try (FileChannel in = FileChannel.open(rawFile, StandardOpenOption.READ)) {
      long size = in.size();
      long position = 0;
      while (position < size) {
        long n = in.transferTo(position, size - position, out);
        if (n == 0 && position >= in.size()) {
          return; // the file shrank; the writer reports the missing bytes
        }
        position += n;
      }
    }
  }
}
