/**
 * What operators watch: the {@code bellwether} health indicator, the
 * {@code /actuator/bellwether} endpoint and the {@code bellwether.*} meters.
 */
@NullMarked
package dev.bellwether.actuate;

import org.jspecify.annotations.NullMarked;
