package io.github.slothunter.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.slothunter.api.ErrorCode;
import io.github.slothunter.api.SlotHunterException;
import io.github.slothunter.testproviders.AlphaProviderFactory;
import io.github.slothunter.testproviders.BetaProviderFactory;
import io.github.slothunter.testproviders.DuplicateAlphaProviderFactory;
import io.github.slothunter.testproviders.FakeProvider;
import io.github.slothunter.testproviders.IdThrowingProviderFactory;
import io.github.slothunter.testproviders.InvalidIdProviderFactory;
import io.github.slothunter.testproviders.NullIdProviderFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Explicit registration: {@link Providers#of}, {@link Providers#with} and lookups. */
class ProvidersTest {
  private final ProviderFactory alpha = new AlphaProviderFactory();
  private final ProviderFactory beta = new BetaProviderFactory();

  @Test
  void ofKeepsTheRegistrationOrder() {
    Providers providers = Providers.of(beta, alpha);

    assertThat(providers.ids()).containsExactly("beta", "alpha");
    assertThat(providers.factories()).containsExactly(beta, alpha);
  }

  @Test
  void ofAcceptsACollection() {
    Providers providers = Providers.of(List.of(alpha, beta));

    assertThat(providers.ids()).containsExactly("alpha", "beta");
    assertThat(providers).hasToString("Providers[alpha, beta]");
  }

  @Test
  void ofNothingIsEmpty() {
    Providers none = Providers.of();

    assertThat(none.isEmpty()).isTrue();
    assertThat(none.ids()).isEmpty();
    assertThat(Providers.of(alpha).isEmpty()).isFalse();
  }

  @Test
  void ofRejectsTwoFactoriesWithOneIdNamingBothClasses() {
    SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
        () -> Providers.of(alpha, new DuplicateAlphaProviderFactory()));

    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_PROVIDER);
    assertThat(e.getMessage()).contains("'alpha'", AlphaProviderFactory.class.getName(),
        DuplicateAlphaProviderFactory.class.getName(), "Providers.of(...)");
  }

  @Test
  void ofRejectsAFactoryWithAnInvalidIdNamingItsClass() {
    SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
        () -> Providers.of(new InvalidIdProviderFactory()));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
    assertThat(e.getMessage()).contains(InvalidIdProviderFactory.class.getName(), "'Not Valid!'",
        "1-32 lower-case letters, digits or dashes");
  }

  @Test
  void ofRejectsAFactoryWithoutAnId() {
    SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
        () -> Providers.of(new NullIdProviderFactory()));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
    assertThat(e.getMessage()).contains(NullIdProviderFactory.class.getName(), "'null'");
  }

  @Test
  void ofReportsAFactoryWhoseIdThrowsWithItsClassAndCause() {
    SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
        () -> Providers.of(new IdThrowingProviderFactory()));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_LOAD_FAILED);
    assertThat(e.getMessage()).contains(IdThrowingProviderFactory.class.getName(), "failed to report its id");
    assertThat(e).hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void ofRejectsNullFactories() {
    assertThatNullPointerException().isThrownBy(() -> Providers.of((ProviderFactory) null));
    assertThatNullPointerException().isThrownBy(() -> Providers.of(java.util.Arrays.asList(alpha, null)))
        .withMessage("factory");
  }

  @Test
  void withAddsAFactoryAndLeavesTheOriginalUnchanged() {
    Providers one = Providers.of(alpha);

    Providers two = one.with(beta);

    assertThat(two.ids()).containsExactly("alpha", "beta");
    assertThat(one.ids()).containsExactly("alpha");
  }

  @Test
  void withRejectsAnIdAlreadyPresent() {
    Providers one = Providers.of(alpha);

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class,
        () -> one.with(new DuplicateAlphaProviderFactory()));

    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_PROVIDER);
    assertThat(one.ids()).containsExactly("alpha");
    assertThatNullPointerException().isThrownBy(() -> one.with(null)).withMessage("factory");
  }

  @Test
  void findReturnsTheFactoryOrEmpty() {
    Providers providers = Providers.of(alpha, beta);

    assertThat(providers.find("beta")).containsSame(beta);
    assertThat(providers.find("gamma")).isEmpty();
    assertThat(providers.find(null)).isEmpty();
  }

  @Test
  void getReturnsTheFactory() {
    assertThat(Providers.of(alpha, beta).get("alpha")).isSameAs(alpha);
  }

  @Test
  void getOfAnUnknownIdIsNotFoundNamingTheKnownIds() {
    Providers providers = Providers.of(alpha, beta);

    SlotHunterException e = catchThrowableOfType(SlotHunterException.class, () -> providers.get("doctoreto"));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).contains("'doctoreto'", "known: [alpha, beta]", "class path");
  }

  @Test
  void idsAndFactoriesAreUnmodifiable() {
    Providers providers = Providers.of(alpha);

    assertThatThrownBy(() -> providers.ids().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> providers.factories().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void registeredFactoriesCreateProvidersForTheirContext() {
    ProviderContext context = ProviderContext.builder("alpha").config("timeout", "5s").build();

    try (Provider provider = Providers.of(alpha).get("alpha").create(context)) {
      assertThat(provider.info().id()).isEqualTo("alpha");
      assertThat(((FakeProvider) provider).context()).isSameAs(context);
    }
  }
}
