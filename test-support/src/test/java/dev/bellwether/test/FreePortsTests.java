package dev.bellwether.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

	@Test
	void portsAreHandedOutOnceAndBelowTheRangeOfOutgoingConnections() throws Exception {
		Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
		int ephemeral = Files.exists(range) ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0])
				: 32768;
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			int port = FreePorts.next();
			assertThat(port).isLessThan(ephemeral);
			assertThat(ports.add(port)).as("handed out once: %d", port).isTrue();
		}
		for (int i = 0; i < 20; i++) {
			int port = FreePorts.next(true);
			assertThat(port + 10000).as("bus port of %d", port).isLessThan(ephemeral);
			assertThat(ports).doesNotContain(port, port + 10000, port - 10000);
			ports.add(port);
		}
	}

}
