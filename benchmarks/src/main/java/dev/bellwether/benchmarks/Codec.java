package dev.bellwether.benchmarks;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import com.github.luben.zstd.Zstd;
import net.jpountz.lz4.LZ4Factory;

/**
 * The codecs a large dataset could travel in, compared on the large-dataset benchmark's
 * JSON: the JDK's deflate, Zstandard (zstd-jni) and LZ4 (lz4-java).
 */
enum Codec {

	DEFLATE_1("deflate-1", "JDK deflate, level 1"), DEFLATE_6("deflate-6", "JDK deflate, level 6"),
	ZSTD_1("zstd-1", "zstd, level 1"), ZSTD_3("zstd-3", "zstd, level 3"), LZ4("lz4", "LZ4, fast");

	private final String id;

	private final String title;

	Codec(String id, String title) {
		this.id = id;
		this.title = title;
	}

	static Codec of(String id) {
		return List.of(values()).stream().filter((codec) -> codec.id.equals(id)).findFirst().orElseThrow();
	}

	String id() {
		return this.id;
	}

	String title() {
		return this.title;
	}

	byte[] compress(byte[] value) {
		return switch (this) {
			case DEFLATE_1 -> deflate(value, 1);
			case DEFLATE_6 -> deflate(value, 6);
			case ZSTD_1 -> Zstd.compress(value, 1);
			case ZSTD_3 -> Zstd.compress(value, 3);
			case LZ4 -> LZ4Factory.fastestInstance().fastCompressor().compress(value);
		};
	}

	byte[] decompress(byte[] compressed, int length) {
		return switch (this) {
			case DEFLATE_1, DEFLATE_6 -> inflate(compressed, length);
			case ZSTD_1, ZSTD_3 -> Zstd.decompress(compressed, length);
			case LZ4 -> LZ4Factory.fastestInstance().fastDecompressor().decompress(compressed, length);
		};
	}

	private static byte[] deflate(byte[] value, int level) {
		Deflater deflater = new Deflater(level);
		try {
			deflater.setInput(value);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(value.length / 4);
			byte[] buffer = new byte[64 * 1024];
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	private static byte[] inflate(byte[] compressed, int length) {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(compressed);
			byte[] value = new byte[length];
			int read = 0;
			while (read < length && !inflater.finished()) {
				read += inflater.inflate(value, read, length - read);
			}
			return value;
		}
		catch (DataFormatException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			inflater.end();
		}
	}

}
