package dev.linr.serving.workflow;

import dev.linr.serving.BadRequestException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Creates a workflow's functions from their class names, on the server classpath (the thread's
 * context class loader, else this class's loader). Every failure is loud: there is no fallback.
 */
final class FunctionLoader {
  private FunctionLoader() {}

  /**
   * A new instance of the class.
   *
   * @param url the workflow's URL, for messages
   * @param localName the function's name in the workflow
   * @throws BadRequestException if the class is missing, does not implement {@link
   *     WorkflowFunction}, is abstract, has no public no-arg constructor, or its construction fails
   */
  static WorkflowFunction load(String url, String localName, String className) {
    String field = "functions." + localName;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = FunctionLoader.class.getClassLoader();
    }
    Class<?> c;
    try {
      c = Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw InvalidWorkflow.at(
          url, field, "class " + className + " is not on the server classpath", e);
    } catch (LinkageError e) {
      throw InvalidWorkflow.at(url, field, "class " + className + " does not load: " + e, e);
    }
    if (!WorkflowFunction.class.isAssignableFrom(c)) {
      throw InvalidWorkflow.at(
          url,
          field,
          "class " + className + " does not implement " + WorkflowFunction.class.getName());
    }
    if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
      throw InvalidWorkflow.at(url, field, "class " + className + " is abstract");
    }
    Constructor<?> constructor;
    try {
      constructor = c.getConstructor();
    } catch (NoSuchMethodException e) {
      throw InvalidWorkflow.at(
          url, field, "class " + className + " has no public no-arg constructor", e);
    }
    try {
      return (WorkflowFunction) constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw InvalidWorkflow.at(
          url, field, "class " + className + " failed to construct: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw InvalidWorkflow.at(url, field, "class " + className + " cannot be created: " + e, e);
    }
  }
}
