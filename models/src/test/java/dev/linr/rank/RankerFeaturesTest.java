package dev.linr.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The feature spec: parsing the translator arguments, width and feature order. */
class RankerFeaturesTest {
  @Test
  void parsesFeaturesAndAttributes() {
    RankerFeatures f = RankerFeatures.parse(" Product , score", "quality, age");
    assertTrue(f.product());
    assertTrue(f.score());
    assertEquals(List.of("quality", "age"), f.attributes());
    assertEquals(8 + 1 + 2, f.width(8));
    assertEquals("product,score", f.featuresArgument());
    assertEquals("quality,age", f.attributesArgument());
  }

  @Test
  void attributesMayBeLeftOut() {
    RankerFeatures f = RankerFeatures.parse("score", null);
    assertFalse(f.product());
    assertEquals(List.of(), f.attributes());
    assertEquals(1, f.width(64));
    assertEquals(f, RankerFeatures.parse("score", " "));
  }

  @Test
  void writesProductThenScoreThenAttributes() {
    float[] out = new float[7];
    RankerFeatures.parse("product,score", "a,b")
        .write(
            new float[] {0.5f, -2f, 3f},
            new float[] {4f, 0.25f, -1f},
            0.75f,
            new float[] {9f, 0f},
            out,
            0);
    assertArrayEquals(new float[] {2f, -0.5f, -3f, 0.75f, 9f, 0f, 0f}, out);
  }

  @Test
  void writesAtAnOffsetWithoutProduct() {
    float[] out = new float[4];
    RankerFeatures.parse("score", "a").write(null, null, 1.5f, new float[] {2f}, out, 2);
    assertArrayEquals(new float[] {0f, 0f, 1.5f, 2f}, out);
  }

  @Test
  void definitionArgumentsRoundTrip() {
    RankerDefinition d =
        new RankerDefinition(
            3,
            RankerFeatures.parse("product,score", "quality"),
            RankerMlp.seeded(5, new int[] {4}, 1));
    Map<String, String> args = d.translatorArguments();
    assertEquals(
        Map.of("dimension", "3", "features", "product,score", "attributes", "quality"), args);
    assertEquals(d.features(), RankerFeatures.parse(args.get("features"), args.get("attributes")));
  }

  @Test
  void definitionChecksTheMlpWidth() {
    assertEquals(
        "the MLP reads 4 features, but features=product,score attributes=quality at dimension 3"
            + " make 5",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new RankerDefinition(
                        3,
                        RankerFeatures.parse("product,score", "quality"),
                        RankerMlp.seeded(4, new int[] {4}, 1)))
            .getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "score,product|| translator argument features: product must come before score; valid:"
            + " product,score, product or score",
        "product,product|| translator argument features: product is listed twice; valid:"
            + " product,score, product or score",
        "score,score|| translator argument features: score is listed twice",
        "product,quality|| translator argument features: unknown feature 'quality'; valid:"
            + " product, score (attributes go in the attributes argument)",
        "|| translator arguments: a ranker needs at least one feature: product, score or an"
            + " attribute",
        "score|a,a| translator arguments: attribute feature 'a' is listed twice",
        "score|a b| translator arguments: attribute feature names are identifiers (letters,"
            + " digits, '_'), got: 'a b'",
      })
  void badArgumentsAreNamed(String features, String attributes, String message) {
    assertEquals(
        message.trim(),
        assertThrows(
                IllegalArgumentException.class, () -> RankerFeatures.parse(features, attributes))
            .getMessage());
  }
}
