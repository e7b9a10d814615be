package dev.linr.serving.wlm;

import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import dev.linr.serving.BadRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Makes sure the translator an archive names is the one that serves it. DJL quietly falls back to a
 * default translator when a named class does not load; the server refuses such a model instead.
 * Stateless.
 */
final class TranslatorCheck {
  static final String TRANSLATOR = "translator";
  static final String TRANSLATOR_FACTORY = "translatorFactory";

  private TranslatorCheck() {}

  /**
   * Before loading: a {@code translator=} class must be in one of {@code libs/*.jar} (or {@code
   * libs/classes}) or on the server classpath; a {@code translatorFactory=} class must be a {@link
   * TranslatorFactory} on the server classpath.
   *
   * @throws BadRequestException naming the class and where it was looked for
   */
  static void beforeLoad(Path folder, Map<String, String> arguments) {
    String factory = arguments.get(TRANSLATOR_FACTORY);
    if (factory != null && !factory.isBlank()) {
      Class<?> c = serverClass(factory.trim());
      if (c == null || !TranslatorFactory.class.isAssignableFrom(c)) {
        throw new BadRequestException(
            "translatorFactory "
                + factory.trim()
                + " named in serving.properties "
                + (c == null
                    ? "was not found on the server classpath"
                    : "is not an ai.djl.translate.TranslatorFactory")
                + " (factories load from the server classpath, never from the model's libs/)");
      }
    }
    String translator = arguments.get(TRANSLATOR);
    if (translator == null || translator.isBlank()) {
      return;
    }
    String name = translator.trim();
    List<String> looked = new ArrayList<>();
    if (inLibs(folder, name, looked) || serverClass(name) != null) {
      return;
    }
    throw new BadRequestException(
        "translator "
            + name
            + " named in serving.properties was not found in libs/ ("
            + (looked.isEmpty() ? "no jars" : String.join(", ", looked))
            + ") nor on the server classpath");
  }

  /**
   * After loading: the translator in use must be the named one.
   *
   * @throws BadRequestException if DJL chose another translator
   */
  static void afterLoad(Map<String, String> arguments, Translator<?, ?> inUse) {
    String translator = arguments.get(TRANSLATOR);
    String factory = arguments.get(TRANSLATOR_FACTORY);
    if (translator == null || translator.isBlank() || (factory != null && !factory.isBlank())) {
      return;
    }
    String used = inUse == null ? "none" : inUse.getClass().getName();
    if (!used.equals(translator.trim())) {
      throw new BadRequestException(
          "translator "
              + translator.trim()
              + " named in serving.properties did not load (it must be a public"
              + " ai.djl.translate.ServingTranslator with a public no-argument constructor);"
              + " DJL fell back to "
              + used);
    }
  }

  private static boolean inLibs(Path folder, String className, List<String> looked) {
    String entry = className.replace('.', '/') + ".class";
    for (String dirName : new String[] {"libs", "lib"}) {
      Path libs = folder.resolve(dirName);
      if (!Files.isDirectory(libs)) {
        continue;
      }
      if (Files.isRegularFile(libs.resolve("classes").resolve(entry))) {
        return true;
      }
      try (Stream<Path> files = Files.list(libs)) {
        for (Path jar : (Iterable<Path>) files.sorted()::iterator) {
          if (!jar.getFileName().toString().endsWith(".jar")) {
            continue;
          }
          looked.add(dirName + "/" + jar.getFileName());
          try (JarFile j = new JarFile(jar.toFile())) {
            if (j.getEntry(entry) != null) {
              return true;
            }
          }
        }
      } catch (IOException e) {
        throw new BadRequestException(
            "cannot read " + dirName + "/ of the model archive: " + Failures.rootMessage(e), e);
      }
    }
    return false;
  }

  private static Class<?> serverClass(String name) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    if (cl == null) {
      cl = TranslatorCheck.class.getClassLoader();
    }
    try {
      return Class.forName(name, false, cl);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
