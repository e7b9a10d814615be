package dev.linr.e2e;

import java.util.SplittableRandom;

/**
 * Standard normal samples from a {@link SplittableRandom}, which has no nextGaussian in Java 17.
 */
public final class Gaussians {
  private Gaussians() {}

  /** One standard normal sample (Box-Muller); draws two doubles from {@code r}. */
  public static double next(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
