package dev.linr.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A blank white chart image and its antialiased graphics (callers run AWT headless). */
final class ChartCanvas {
  private ChartCanvas() {}

  /** An RGB image of the given size. */
  static BufferedImage image(int width, int height) {
    return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
  }

  /** Draws the chart's bold title at (x, y), releases {@code g} and writes {@code img} as a PNG. */
  static void finish(Graphics2D g, BufferedImage img, String title, int x, int y, Path png)
      throws IOException {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, x, y);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  /**
   * A legend of colour swatches, one after another from {@code x} at the top of the chart (each
   * swatch then its name), in 13 pt text.
   */
  static void swatches(Graphics2D g, List<String> names, List<Color> colors, int x) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int i = 0; i < names.size(); i++) {
      g.setColor(colors.get(i));
      g.fillRect(x, 44, 14, 12);
      g.setColor(Color.BLACK);
      g.drawString(names.get(i), x + 20, 55);
      x += 30 + g.getFontMetrics().stringWidth(names.get(i));
    }
  }

  /** Graphics on {@code img}, filled white, with antialiased shapes and text. */
  static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    return g;
  }
}
