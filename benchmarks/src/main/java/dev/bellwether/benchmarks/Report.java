package dev.bellwether.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes the results as a markdown table and two PNG charts.
 */
final class Report {

	private final StringBuilder markdown = new StringBuilder();

	void line(String format, Object... args) {
		this.markdown.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("results.md"), this.markdown);
	}

	static String percentiles(List<Long> sortedMicros) {
		return String.format(Locale.ROOT, "%.2f ms | %.2f ms | %.2f ms", percentile(sortedMicros, 0.50) / 1000.0,
				percentile(sortedMicros, 0.99) / 1000.0, sortedMicros.get(sortedMicros.size() - 1) / 1000.0);
	}

	static long percentile(List<Long> sorted, double quantile) {
		return sorted.get((int) Math.max(0, Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)));
	}

	static double percentileOf(List<Double> values, double quantile) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Double::compare);
		return sorted.get((int) Math.max(0, Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)));
	}

	static void syncLatencyChart(Map<String, List<Long>> bySize, Path file) throws IOException {
		XYChart chart = new XYChartBuilder().width(900)
			.height(520)
			.title("Publish-to-apply latency across all followers")
			.xAxisTitle("percentile")
			.yAxisTitle("latency (ms, log scale)")
			.build();
		chart.getStyler().setYAxisLogarithmic(true);
		chart.getStyler().setMarkerSize(0);
		bySize.forEach((size, sorted) -> {
			int points = Math.min(200, sorted.size());
			double[] x = new double[points];
			double[] y = new double[points];
			for (int i = 0; i < points; i++) {
				double quantile = (i + 1) / (double) points;
				x[i] = quantile * 100;
				y[i] = Math.max(0.01, percentile(sorted, quantile) / 1000.0);
			}
			chart.addSeries(size, x, y).setMarker(SeriesMarkers.NONE);
		});
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	static void callsChart(List<Scenario.Result> results, Path file) throws IOException {
		CategoryChart chart = new CategoryChartBuilder().width(900)
			.height(520)
			.title("Upstream calls per 1 s interval, " + results.get(0).instances() + " instances")
			.xAxisTitle("system")
			.yAxisTitle("calls per interval")
			.build();
		chart.getStyler().setLabelsVisible(true);
		List<String> systems = results.stream().map(Scenario.Result::system).toList();
		chart.addSeries("mean", systems, results.stream().map((r) -> Math.round(r.mean() * 100) / 100.0).toList());
		chart.addSeries("max", systems, results.stream().map((r) -> (double) r.max()).toList());
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

}
