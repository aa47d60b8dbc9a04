package dev.bellwether.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One instance of the {@code @Cacheable} comparison in a JVM of its own. Arguments: the
 * system, the Redis URI, the node id. Commands on standard input, answered {@code ok}:
 * {@code ask K1,K2,…}, {@code watch K}, {@code invisible} (answers the microsecond the
 * watched key stopped being served), {@code loads} (answers {@code key=count …}) and
 * {@code exit}.
 */
public final class CacheProcess {

	private CacheProcess() {
	}

	public static void main(String[] args) throws Exception {
		CacheNodes.LoadLog log = new CacheNodes.LoadLog();
		CacheInstance local = CacheInstance.start(args[0], args[1], args[2], log);
		ChildProcess.serve((name, argument) -> switch (name) {
			case "ask" -> {
				local.ask(List.of(argument.split(",")));
				yield "";
			}
			case "watch" -> {
				local.watch(argument);
				yield "";
			}
			case "invisible" -> String.valueOf(local.invisibleAt());
			case "loads" -> format(log.snapshot());
			default -> throw new IllegalArgumentException(name);
		});
		local.context().close();
		System.exit(0);
	}

	private static String format(Map<String, Integer> loads) {
		return loads.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
	}

}
