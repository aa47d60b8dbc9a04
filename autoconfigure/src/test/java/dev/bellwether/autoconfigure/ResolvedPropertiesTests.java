package dev.bellwether.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResolvedPropertiesTests {

	@Test
	void namesThatAreValidStayAsTheyAre() {
		assertThat(ResolvedProperties.toName("prices.api")).isEqualTo("prices.api");
		assertThat(ResolvedProperties.toName("billing:eu_2-b")).isEqualTo("billing:eu_2-b");
	}

	@Test
	void otherCharactersBecomeOneDashPerRun() {
		assertThat(ResolvedProperties.toName("Prices API")).isEqualTo("Prices-API");
		assertThat(ResolvedProperties.toName("  prices / api  ")).isEqualTo("prices-api");
		assertThat(ResolvedProperties.toName("{orders}")).isEqualTo("orders");
		assertThat(ResolvedProperties.toName("Bestellübersicht")).isEqualTo("Bestell-bersicht");
	}

	@Test
	void nothingUsableGivesAnEmptyName() {
		assertThat(ResolvedProperties.toName("{ }")).isEmpty();
	}

	@Test
	void longNamesAreCutTo200Characters() {
		assertThat(ResolvedProperties.toName("a".repeat(250))).hasSize(200);
	}

}
