package dev.bellwether.spi;

import org.junit.jupiter.api.Nested;

/**
 * Every store contract against one backend. The contracts live in autoconfigure's test
 * tree rather than in test-support because test-support sits below the library. A new
 * backend or Redis topology is one small subclass that says how to reach it.
 */
abstract class StoresContractTests {

	/** The backend, usually held in a static field of the subclass. */
	abstract Backend backend();

	@Nested
	class Leader extends LeaderStoreContractTests {

		@Override
		Backend backend() {
			return StoresContractTests.this.backend();
		}

	}

	@Nested
	class Datasets extends DatasetStoreContractTests {

		@Override
		Backend backend() {
			return StoresContractTests.this.backend();
		}

	}

	@Nested
	class Jobs extends JobStoreContractTests {

		@Override
		Backend backend() {
			return StoresContractTests.this.backend();
		}

	}

	@Nested
	class Caches extends CacheStoreContractTests {

		@Override
		Backend backend() {
			return StoresContractTests.this.backend();
		}

	}

	@Nested
	class Loads extends LoadStoreContractTests {

		@Override
		Backend backend() {
			return StoresContractTests.this.backend();
		}

	}

	@Nested
	class Members extends MemberStoreContractTests {

		@Override
		Backend backend() {
			return StoresContractTests.this.backend();
		}

	}

}
