package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfTest {
  @Test
  void probabilitiesFollowTheInversePowerOfTheRankAndSumToOne() {
    Zipf z = new Zipf(1000, 1.1);
    double sum = 0;
    for (int r = 0; r < 1000; r++) {
      sum += z.probability(r);
    }
    assertEquals(1.0, sum, 1e-12);
    assertEquals(Math.pow(10, 1.1), z.probability(0) / z.probability(9), 1e-9);
  }

  @Test
  void sampledSharesOfTheTopRanksMatchTheirProbabilities() {
    Zipf z = new Zipf(50, 1.2);
    int n = 400_000;
    int[] counts = new int[50];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < n; i++) {
      counts[z.sample(r)]++;
    }
    for (int rank = 0; rank < 5; rank++) {
      double p = z.probability(rank);
      // five standard deviations of a binomial share
      assertEquals(p, (double) counts[rank] / n, 5 * Math.sqrt(p * (1 - p) / n), "rank " + rank);
    }
  }

  @Test
  void theRareRankIsTheFirstWhoseProbabilityIsAtMostTheBound() {
    Zipf z = new Zipf(50_000, 1.1);
    int rank = z.rankWithProbabilityAtMost(1e-4);
    assertTrue(z.probability(rank) <= 1e-4, "rank " + rank);
    assertTrue(z.probability(rank - 1) > 1e-4, "rank " + (rank - 1));
  }
}
