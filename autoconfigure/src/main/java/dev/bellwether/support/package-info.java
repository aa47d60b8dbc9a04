/**
 * Small helpers shared by the other packages, depending on none of them.
 */
@NullMarked
package dev.bellwether.support;

import org.jspecify.annotations.NullMarked;
