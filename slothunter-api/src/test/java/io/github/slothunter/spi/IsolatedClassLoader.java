package io.github.slothunter.spi;

import java.util.function.Predicate;

/**
 * A class loader that shows the test class path's classes it is told to, and none of its
 * resources. Used as the parent of a {@link java.net.URLClassLoader} so that {@code ServiceLoader}
 * sees only the services files the test put on that loader, while the classes it instantiates
 * still implement the one {@link ProviderFactory} the api module defines.
 */
final class IsolatedClassLoader extends ClassLoader {
  private final ClassLoader source = ProviderFactory.class.getClassLoader();
  private final Predicate<String> visible;

  private IsolatedClassLoader(String name, Predicate<String> visible) {
    super(name, ClassLoader.getPlatformClassLoader());
    this.visible = visible;
  }

  /** Every class of the test class path, no resources. */
  static IsolatedClassLoader classesOnly() {
    return new IsolatedClassLoader("classes-only", name -> true);
  }

  /** Only the api and spi packages, no resources: test classes must come from elsewhere. */
  static IsolatedClassLoader apiOnly() {
    return new IsolatedClassLoader("api-only", name -> {
      String pkg = name.substring(0, Math.max(0, name.lastIndexOf('.')));
      return pkg.equals("io.github.slothunter.api") || pkg.equals("io.github.slothunter.spi");
    });
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (!visible.test(name)) {
      throw new ClassNotFoundException(name);
    }
    return source.loadClass(name);
  }
}
