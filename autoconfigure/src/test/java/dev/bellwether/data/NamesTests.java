package dev.bellwether.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NamesTests {

	@Test
	void namesThatAreValidStayAsTheyAre() {
		assertThat(Names.derive("prices.api")).isEqualTo("prices.api");
		assertThat(Names.derive("billing:eu_2-b")).isEqualTo("billing:eu_2-b");
	}

	@Test
	void otherCharactersBecomeOneDashPerRun() {
		assertThat(Names.derive("Prices API")).isEqualTo("Prices-API");
		assertThat(Names.derive("  prices / api  ")).isEqualTo("prices-api");
		assertThat(Names.derive("{orders}")).isEqualTo("orders");
		assertThat(Names.derive("Bestellübersicht")).isEqualTo("Bestell-bersicht");
	}

	@Test
	void nothingUsableGivesAnEmptyName() {
		assertThat(Names.derive("{ }")).isEmpty();
	}

	@Test
	void longNamesAreCutTo200Characters() {
		assertThat(Names.derive("a".repeat(250))).hasSize(200);
	}

	@Test
	void checkAcceptsDotsAndRefusesSpacesAndBraces() {
		assertThat(Names.check("Dataset", "prices.eu:v2_a-b")).isEqualTo("prices.eu:v2_a-b");
		assertThatExceptionOfType(InvalidNameException.class).isThrownBy(() -> Names.check("Dataset", "prices api"))
			.withMessageContaining("Dataset name 'prices api'");
		assertThatExceptionOfType(InvalidNameException.class).isThrownBy(() -> Names.check("Group", "{orders}"));
		assertThatExceptionOfType(InvalidNameException.class)
			.isThrownBy(() -> Names.check("Job", "a".repeat(201), "@LeaderScheduled on Jobs.refresh()"))
			.withMessageContaining("in @LeaderScheduled on Jobs.refresh()");
	}

}
