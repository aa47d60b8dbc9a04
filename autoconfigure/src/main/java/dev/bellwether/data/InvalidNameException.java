package dev.bellwether.data;

import org.jspecify.annotations.Nullable;

/**
 * A group, dataset, job or cache name is not one of the {@link Names names} Bellwether
 * accepts.
 */
public class InvalidNameException extends IllegalArgumentException {

	private final String kind;

	private final @Nullable String name;

	private final @Nullable String where;

	InvalidNameException(String kind, @Nullable String name, @Nullable String where) {
		super(kind + " name '" + name + "'" + ((where != null) ? " in " + where : "") + " must match " + Names.PATTERN);
		this.kind = kind;
		this.name = name;
		this.where = where;
	}

	/**
	 * What is named: {@code Group}, {@code Dataset}, {@code Job} or {@code Cache}.
	 * @return the kind of name
	 */
	public String getKind() {
		return this.kind;
	}

	/**
	 * The name that was refused.
	 * @return the name, {@code null} if none was given
	 */
	public @Nullable String getName() {
		return this.name;
	}

	/**
	 * Where the name was declared, such as {@code @LeaderScheduled on Jobs.refresh()}.
	 * @return the declaration, {@code null} if the caller did not say
	 */
	public @Nullable String getWhere() {
		return this.where;
	}

}
