/**
 * Leader election with fencing: exactly one instance of a group leads, it stops acting
 * before anyone else can start, and it can never act after it has been replaced.
 */
@NullMarked
package dev.bellwether.leader;

import org.jspecify.annotations.NullMarked;
