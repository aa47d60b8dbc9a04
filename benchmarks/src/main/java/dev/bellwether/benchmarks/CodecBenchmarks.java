package dev.bellwether.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each {@link Codec} costs on a 10 MB {@link Book} in JSON: compressing it once on
 * the leader, decompressing it once on each follower.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CodecBenchmarks {

	static final int BYTES = 10 * 1024 * 1024;

	@Param({ "deflate-1", "deflate-6", "zstd-1", "zstd-3", "lz4" })
	public String codec;

	private Codec compressor;

	private byte[] json;

	private byte[] compressed;

	static byte[] json() {
		return JsonMapper.shared().writeValueAsBytes(Book.of(1, BYTES));
	}

	@Setup
	public void prepare() {
		this.compressor = Codec.of(this.codec);
		this.json = json();
		this.compressed = this.compressor.compress(this.json);
	}

	@Benchmark
	public byte[] compress() {
		return this.compressor.compress(this.json);
	}

	@Benchmark
	public byte[] decompress() {
		return this.compressor.decompress(this.compressed, this.json.length);
	}

}
