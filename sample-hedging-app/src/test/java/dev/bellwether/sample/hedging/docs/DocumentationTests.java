package dev.bellwether.sample.hedging.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java code block of the README and of {@code docs/} is code that compiles in this
 * build: it is found, layout aside, in {@link DocSnippets}, in {@link RatesTests} or in a
 * sample's sources; a block of imports names classes that exist. A changed API breaks the
 * build here, not a reader's copy.
 */
class DocumentationTests {

	private static final Path ROOT = Path.of("..");

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)#:]*)(?:#([^)]*))?\\)");

	private static final Pattern HEADING = Pattern.compile("^#+ (.+)$", Pattern.MULTILINE);

	private static final Pattern IMPORT = Pattern.compile("^import ([\\w.]+);", Pattern.MULTILINE);

	@Test
	void everyJavaBlockIsCodeThatCompiles() throws IOException {
		String sources = squeeze(sources());
		List<String> missing = new ArrayList<>();
		int blocks = 0;
		for (Path doc : docs()) {
			Matcher block = JAVA_BLOCK.matcher(Files.readString(doc));
			while (block.find()) {
				blocks++;
				String code = block.group(1);
				boolean found = code.strip().startsWith("import ") ? importsExist(code)
						: sources.contains(squeeze(code));
				if (!found) {
					missing.add(ROOT.relativize(doc) + ": " + code.lines().findFirst().orElse(""));
				}
			}
		}
		assertThat(blocks).as("Java blocks in the docs").isGreaterThan(10);
		assertThat(missing).as("blocks found in no compiled source").isEmpty();
	}

	@Test
	void everyLinkLeadsToAFileAndHeadingThatExist() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path doc : docs()) {
			Matcher link = LINK.matcher(Files.readString(doc));
			while (link.find()) {
				Path target = link.group(1).isEmpty() ? doc : doc.resolveSibling(link.group(1)).normalize();
				String anchor = link.group(2);
				boolean found = Files.exists(target) && (anchor == null
						|| (target.toString().endsWith(".md") && headings(Files.readString(target)).contains(anchor)));
				if (!found) {
					broken.add(ROOT.relativize(doc) + ": " + link.group());
				}
			}
		}
		assertThat(broken).as("links to no file or heading").isEmpty();
	}

	/** The anchors GitHub gives a document's headings. */
	private static List<String> headings(String markdown) {
		List<String> anchors = new ArrayList<>();
		Matcher heading = HEADING.matcher(markdown);
		while (heading.find()) {
			anchors.add(heading.group(1).strip().toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
		}
		return anchors;
	}

	private static List<Path> docs() throws IOException {
		List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
		try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
			files.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(docs::add);
		}
		return docs;
	}

	private static String sources() throws IOException {
		StringBuilder all = new StringBuilder();
		for (String tree : List.of("sample-hedging-app/src", "sample-websocket-app/src")) {
			try (Stream<Path> files = Files.walk(ROOT.resolve(tree))) {
				for (Path file : files.filter((file) -> file.toString().endsWith(".java")).toList()) {
					all.append(Files.readString(file)).append('\n');
				}
			}
		}
		return all.toString();
	}

	private static boolean importsExist(String code) {
		Matcher imported = IMPORT.matcher(code);
		int count = 0;
		while (imported.find()) {
			count++;
			try {
				Class.forName(imported.group(1), false, DocumentationTests.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				return false;
			}
		}
		return count > 0;
	}

	/**
	 * The code without whitespace and without {@code //}: the formatter re-wraps an
	 * end-of-line comment over several {@code //} lines.
	 */
	private static String squeeze(String code) {
		return code.replaceAll("\\s+", "").replace("//", "");
	}

}
