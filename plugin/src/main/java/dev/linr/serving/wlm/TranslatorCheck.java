package dev.linr.serving.wlm;

import ai.djl.translate.ServingTranslator;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import dev.linr.runtime.Causes;
import dev.linr.serving.BadRequestException;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes sure the translator an archive names is the one that serves it. DJL quietly falls back to a
 * default translator when a named class does not load; the server refuses such a model instead.
 * Stateless.
 */
final class TranslatorCheck {
  static final String TRANSLATOR = "translator";
  static final String TRANSLATOR_FACTORY = "translatorFactory";
  private static final String SERVING_TRANSLATOR = ServingTranslator.class.getName();

  private TranslatorCheck() {}

  /**
   * Before loading: a {@code translator=} class must be a public {@link ServingTranslator} with a
   * public no-argument constructor, in one of {@code libs/*.jar} (or {@code libs/classes}) or on
   * the server classpath; a {@code translatorFactory=} class must be a {@link TranslatorFactory} on
   * the server classpath.
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
    List<URL> urls = libs(folder, looked);
    // The class is resolved as DJL resolves it: the archive's libs/ over the server classpath.
    try (URLClassLoader cl = new URLClassLoader(urls.toArray(new URL[0]), serverLoader())) {
      Class<?> c;
      try {
        c = Class.forName(name, false, cl);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new BadRequestException(
            "translator "
                + name
                + " named in serving.properties was not found in libs/ ("
                + (looked.isEmpty() ? "no jars" : String.join(", ", looked))
                + ") nor on the server classpath",
            e);
      }
      if (!ServingTranslator.class.isAssignableFrom(c)) {
        throw new BadRequestException(
            "translator " + name + " named in serving.properties is not an " + SERVING_TRANSLATOR);
      }
      try {
        if (!Modifier.isPublic(c.getModifiers())
            || !Modifier.isPublic(c.getConstructor().getModifiers())) {
          throw new NoSuchMethodException(name + ".<init>()");
        }
      } catch (NoSuchMethodException e) {
        throw new BadRequestException(
            "translator "
                + name
                + " named in serving.properties needs to be a public class with a public"
                + " no-argument constructor",
            e);
      }
    } catch (IOException e) {
      throw new BadRequestException(
          "cannot read libs/ of the model archive: " + Causes.rootMessage(e), e);
    }
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

  /**
   * The jars of {@code libs/} (or {@code lib/}) and its {@code classes} folder, as DJL reads them.
   */
  private static List<URL> libs(Path folder, List<String> looked) {
    List<URL> urls = new ArrayList<>();
    for (String dirName : new String[] {"libs", "lib"}) {
      Path libs = folder.resolve(dirName);
      if (!Files.isDirectory(libs)) {
        continue;
      }
      try (Stream<Path> files = Files.list(libs)) {
        urls.add(libs.resolve("classes").toUri().toURL());
        for (Path jar : (Iterable<Path>) files.sorted()::iterator) {
          if (jar.getFileName().toString().endsWith(".jar")) {
            looked.add(dirName + "/" + jar.getFileName());
            urls.add(jar.toUri().toURL());
          }
        }
      } catch (IOException e) {
        throw new BadRequestException(
            "cannot read " + dirName + "/ of the model archive: " + Causes.rootMessage(e), e);
      }
      break;
    }
    return urls;
  }

  private static ClassLoader serverLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : TranslatorCheck.class.getClassLoader();
  }

  private static Class<?> serverClass(String name) {
    try {
      return Class.forName(name, false, serverLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
