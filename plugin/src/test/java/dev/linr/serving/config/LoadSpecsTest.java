package dev.linr.serving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.serving.wlm.ModelSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadSpecsTest {
  private static ModelSpec spec(
      String name, String version, String url, String engine, String dev) {
    return new ModelSpec(name, version, url, engine, dev, Map.of());
  }

  @Test
  void bareUrlHasNoName() {
    assertEquals(
        spec(null, null, "file:/models/posts", null, null), LoadSpecs.parse("file:/models/posts"));
  }

  @Test
  void barePathIsAUrl() {
    assertEquals(
        spec(null, null, "/models/posts.zip", null, null), LoadSpecs.parse("/models/posts.zip"));
  }

  @Test
  void nameBeforeEquals() {
    assertEquals(spec("posts", null, "file:/m/p", null, null), LoadSpecs.parse("posts=file:/m/p"));
  }

  @Test
  void nameAndVersion() {
    assertEquals(spec("posts", "2", "file:/m/p", null, null), LoadSpecs.parse("posts:2=file:/m/p"));
  }

  @Test
  void emptyVersionWithEngine() {
    assertEquals(
        spec("retrieval", null, "file:/models/retrieval", "PyTorch", null),
        LoadSpecs.parse("retrieval::PyTorch=file:/models/retrieval"));
  }

  @Test
  void allFourFields() {
    assertEquals(
        spec("ranker", "1", "/m/ranker.zip", "OnnxRuntime", "gpu0;gpu1"),
        LoadSpecs.parse("ranker:1:OnnxRuntime:gpu0;gpu1=/m/ranker.zip"));
  }

  @Test
  void engineNameIsCaseInsensitiveAndCanonicalised() {
    assertEquals("OnnxRuntime", LoadSpecs.parse("r::onnxruntime=/m/r").engine());
  }

  @Test
  void bracketsAroundTheEndpoint() {
    assertEquals(
        spec("posts", "3", "file:/m/p", null, null), LoadSpecs.parse("[posts:3]=file:/m/p"));
  }

  @Test
  void emptyNameWithEngineLeavesTheNameToTheUrl() {
    assertEquals(spec(null, null, "/m/p", "PyTorch", null), LoadSpecs.parse("::PyTorch=/m/p"));
  }

  @Test
  void equalsInsideTheUrlPathBelongsToTheUrl() {
    assertEquals(spec(null, null, "file:/m/a=b", null, null), LoadSpecs.parse("file:/m/a=b"));
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertEquals(spec("posts", null, "/m/p", null, null), LoadSpecs.parse("  posts = /m/p "));
  }

  @Test
  void emptySpecIsRejected() {
    assertEquals(
        "load spec is empty",
        assertThrows(IllegalArgumentException.class, () -> LoadSpecs.parse("  ")).getMessage());
  }

  @Test
  void nothingBeforeEqualsIsRejected() {
    assertEquals(
        "load spec '=/m/p' has nothing before '='; expected [name[:version[:engine[:devices]]]=]url",
        assertThrows(IllegalArgumentException.class, () -> LoadSpecs.parse("=/m/p")).getMessage());
  }

  @Test
  void nothingAfterEqualsIsRejected() {
    assertEquals(
        "load spec 'posts=' has no url after '='",
        assertThrows(IllegalArgumentException.class, () -> LoadSpecs.parse("posts=")).getMessage());
  }

  @Test
  void fiveFieldsAreRejected() {
    assertEquals(
        "load spec 'a:1:PyTorch:cpu:x=/m/p' has 5 ':'-separated fields before '=';"
            + " expected name[:version[:engine[:devices]]]",
        assertThrows(
                IllegalArgumentException.class, () -> LoadSpecs.parse("a:1:PyTorch:cpu:x=/m/p"))
            .getMessage());
  }

  @Test
  void unknownEngineIsRejected() {
    assertEquals(
        "load spec 'a::TensorFlow=/m/p': unknown engine 'TensorFlow'; expected PyTorch or OnnxRuntime",
        assertThrows(IllegalArgumentException.class, () -> LoadSpecs.parse("a::TensorFlow=/m/p"))
            .getMessage());
  }

  @Test
  void nameWithSpacesIsRejected() {
    assertEquals(
        "load spec 'my model=/m/p': model name 'my model' may contain only letters, digits, '_', '-'"
            + " and '.'",
        assertThrows(IllegalArgumentException.class, () -> LoadSpecs.parse("my model=/m/p"))
            .getMessage());
  }

  @Test
  void listSplitsOnCommasAndWhitespace() {
    assertEquals(
        List.of(
            spec("a", null, "/m/a", null, null),
            spec(null, null, "/m/b.zip", null, null),
            spec("c", "1", "/m/c", null, null)),
        LoadSpecs.parseList("a=/m/a, /m/b.zip  c:1=/m/c,"));
  }

  @Test
  void emptyListIsRejected() {
    assertEquals(
        "load spec list is empty",
        assertThrows(IllegalArgumentException.class, () -> LoadSpecs.parseList(" , "))
            .getMessage());
  }

  @Test
  void listReportsTheBadSpec() {
    assertEquals(
        "load spec 'b=' has no url after '='",
        assertThrows(IllegalArgumentException.class, () -> LoadSpecs.parseList("a=/m/a,b="))
            .getMessage());
  }
}
