package dev.bellwether.spi;

import org.junit.jupiter.api.AfterAll;

/**
 * Every store contract against {@link dev.bellwether.memory.InMemoryStores}.
 */
class InMemoryStoresContractTests extends StoresContractTests {

	static final Backend backend = new MemoryBackend();

	@AfterAll
	static void close() {
		backend.close();
	}

	@Override
	Backend backend() {
		return backend;
	}

}
