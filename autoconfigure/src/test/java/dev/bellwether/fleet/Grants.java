package dev.bellwether.fleet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bellwether.leader.LeadershipGrantedEvent;
import dev.bellwether.spi.LeaderToken;

import org.springframework.context.ApplicationListener;

/**
 * Every leadership granted in a fleet, in the order granted: shared by every node as a
 * bean, it hears each node's {@link LeadershipGrantedEvent}.
 */
public final class Grants implements ApplicationListener<LeadershipGrantedEvent> {

	private final List<LeaderToken> tokens = new CopyOnWriteArrayList<>();

	@Override
	public void onApplicationEvent(LeadershipGrantedEvent event) {
		this.tokens.add(event.getToken());
	}

	public List<LeaderToken> tokens() {
		return List.copyOf(this.tokens);
	}

	public List<Long> epochs() {
		return this.tokens.stream().map(LeaderToken::epoch).toList();
	}

}
