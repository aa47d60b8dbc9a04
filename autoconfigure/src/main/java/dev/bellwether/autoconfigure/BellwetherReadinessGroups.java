package dev.bellwether.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Makes the {@code bellwetherReadiness} indicator a member of the {@code readiness}
 * health group, and of no other group, so it gates traffic without touching the main
 * health status or liveness.
 */
final class BellwetherReadinessGroups implements HealthEndpointGroupsPostProcessor {

	static final String INDICATOR = "bellwetherReadiness";

	private static final String READINESS = "readiness";

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		Map<String, HealthEndpointGroup> others = new LinkedHashMap<>();
		for (String name : groups.getNames()) {
			HealthEndpointGroup group = groups.get(name);
			if (group != null) {
				others.put(name, new Membership(group, name.equals(READINESS)));
			}
		}
		return HealthEndpointGroups.of(new Membership(groups.getPrimary(), false), others);
	}

	private record Membership(HealthEndpointGroup group, boolean includesReadiness) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return name.equals(INDICATOR) ? this.includesReadiness : this.group.isMember(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.group.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.group.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.group.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.group.getHttpCodeStatusMapper();
		}

		@Override
		public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return this.group.getAdditionalPath();
		}

	}

}
