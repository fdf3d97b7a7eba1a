package io.github.slothunter.spi;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A set of {@link ProviderFactory}s indexed by id: discovered with {@link ServiceLoader} or given
 * explicitly. Immutable and thread-safe.
 *
 * <p>Discovery is strict: two factories with one id fail with {@link ErrorCode#DUPLICATE_PROVIDER},
 * a factory that cannot be instantiated fails with {@link ErrorCode#PROVIDER_LOAD_FAILED} naming
 * its class. Nothing is skipped silently.
 */
public final class Providers {
  private final Map<String, ProviderFactory> byId;

  private Providers(Map<String, ProviderFactory> byId) {
    this.byId = byId;
  }

  /** Discovers the factories visible to the thread's context class loader (or this class's loader). */
  public static Providers discover() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return discover(cl != null ? cl : Providers.class.getClassLoader());
  }

  /** Discovers the factories visible to the given class loader. */
  public static Providers discover(ClassLoader classLoader) {
    Objects.requireNonNull(classLoader, "classLoader");
    return discover(ServiceLoader.load(ProviderFactory.class, classLoader));
  }

  static Providers discover(Iterable<ProviderFactory> loader) {
    Map<String, ProviderFactory> found = new LinkedHashMap<>();
    Iterator<ProviderFactory> it = loader.iterator();
    while (true) {
      ProviderFactory factory;
      try {
        if (!it.hasNext()) {
          break;
        }
        factory = it.next();
      } catch (ServiceConfigurationError e) {
        throw new SlotHunterException(ErrorCode.PROVIDER_LOAD_FAILED,
            "could not load a provider factory: " + e.getMessage(), e);
      }
      add(found, factory);
    }
    return new Providers(found);
  }

  /** Exactly these factories, in this order. */
  public static Providers of(ProviderFactory... factories) {
    return of(List.of(factories));
  }

  /** Exactly these factories, in this order. */
  public static Providers of(Collection<? extends ProviderFactory> factories) {
    Map<String, ProviderFactory> found = new LinkedHashMap<>();
    for (ProviderFactory f : factories) {
      add(found, Objects.requireNonNull(f, "factory"));
    }
    return new Providers(found);
  }

  private static void add(Map<String, ProviderFactory> found, ProviderFactory factory) {
    String id;
    try {
      id = factory.id();
    } catch (RuntimeException e) {
      throw new SlotHunterException(ErrorCode.PROVIDER_LOAD_FAILED,
          "provider factory " + factory.getClass().getName() + " failed to report its id", e);
    }
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
      throw new SlotHunterException(ErrorCode.PROVIDER_LOAD_FAILED,
          "provider factory " + factory.getClass().getName() + " has an invalid id '" + id
              + "' (want 1-32 lower-case letters, digits or dashes)");
    }
    ProviderFactory previous = found.putIfAbsent(id, factory);
    if (previous != null) {
      throw new SlotHunterException(ErrorCode.DUPLICATE_PROVIDER,
          "two provider factories claim id '" + id + "': " + previous.getClass().getName() + " and "
              + factory.getClass().getName() + "; remove one jar from the class path or register providers"
              + " explicitly with Providers.of(...)");
    }
  }

  /** This set plus another factory; an id already present fails with {@link ErrorCode#DUPLICATE_PROVIDER}. */
  public Providers with(ProviderFactory factory) {
    Map<String, ProviderFactory> copy = new LinkedHashMap<>(byId);
    add(copy, Objects.requireNonNull(factory, "factory"));
    return new Providers(copy);
  }

  /** The factory with this id, if present. */
  public Optional<ProviderFactory> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The factory with this id.
   *
   * @throws SlotHunterException {@link ErrorCode#NOT_FOUND} naming the id and the known ids
   */
  public ProviderFactory get(String id) {
    ProviderFactory f = byId.get(id);
    if (f == null) {
      throw new SlotHunterException(ErrorCode.NOT_FOUND,
          "no provider with id '" + id + "'; known: " + byId.keySet()
              + " (add the provider's jar to the class path)");
    }
    return f;
  }

  /** The ids, in discovery or registration order. */
  public Set<String> ids() {
    return java.util.Collections.unmodifiableSet(byId.keySet());
  }

  /** The factories, in discovery or registration order. */
  public List<ProviderFactory> factories() {
    return List.copyOf(byId.values());
  }

  /** Whether there are none. */
  public boolean isEmpty() {
    return byId.isEmpty();
  }

  @Override
  public String toString() {
    return "Providers" + byId.keySet();
  }
}
