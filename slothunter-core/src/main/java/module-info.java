/**
 * The SlotHunter engine: {@link io.github.slothunter.core.SlotHunter}, its builder, watch requests,
 * plans and analytics. Only {@code io.github.slothunter.core} is exported;
 * {@code io.github.slothunter.core.internal} is not API and is not exported.
 *
 * <p>Micrometer is optional: the engine loads a Micrometer class only when the host passes a
 * registry to {@link io.github.slothunter.core.SlotHunter.Builder#meterRegistry}, and a host that
 * does has Micrometer itself.
 */
// Resilience4j and Micrometer ship no module-info; their names come from the Automatic-Module-Name
// in their manifests (stable, chosen by the projects), not from the jar file name.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.slothunter.core {
  // the engine's API takes and returns api and spi types (Slot, SlotEvent, Providers, Store...)
  requires transitive io.github.slothunter.api;
  requires org.slf4j;
  requires io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.core;
  // SlotHunter.Builder#meterRegistry takes a MeterRegistry: transitive for readers, static as optional
  requires static transitive micrometer.core;

  exports io.github.slothunter.core;
}
