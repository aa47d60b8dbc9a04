package dev.bellwether.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes the results as markdown tables and PNG charts.
 */
final class Report {

	private final StringBuilder markdown = new StringBuilder();

	/** The cells of a table row, one per item, joined as Markdown. */
	static <T> String cells(List<T> items, Function<T, String> cell) {
		return String.join(" | ", items.stream().map(cell).toList());
	}

	/** Formats a figure as the report writes every figure. */
	static String fmt(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	void line(String format, Object... args) {
		this.markdown.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

	void write(Path directory) throws IOException {
		write(directory, "results.md");
	}

	void write(Path directory, String file) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve(file), this.markdown);
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

	/**
	 * The latency distribution of floor, peer and Bellwether at every payload size on one
	 * chart: a colour per system, a line style per size.
	 */
	static void syncLatencyChart(List<SyncBench.Row> rows, String title, Path file) throws IOException {
		XYChart chart = new XYChartBuilder().width(1000)
			.height(600)
			.title(title)
			.xAxisTitle("percentile of (publication, receiver) pairs")
			.yAxisTitle("publish to apply (ms, log scale)")
			.build();
		chart.getStyler().setYAxisLogarithmic(true);
		chart.getStyler().setMarkerSize(0);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		chart.getStyler().setXAxisDecimalPattern("#0");
		chart.getStyler().setXAxisTickMarkSpacingHint(90);
		List<String> systems = rows.stream().map(SyncBench.Row::system).distinct().toList();
		List<Integer> sizes = rows.stream().map(SyncBench.Row::bytes).distinct().sorted().toList();
		Color[] colors = { new Color(0x888888), new Color(0xD95F02), new Color(0x1B9E77) };
		BasicStroke[] strokes = { SeriesLines.DOT_DOT, SeriesLines.DASH_DASH, SeriesLines.SOLID,
				new BasicStroke(3.5f) };
		for (SyncBench.Row row : rows) {
			List<Long> sorted = row.micros();
			if (sorted.isEmpty()) {
				continue;
			}
			double[] x = new double[200];
			double[] y = new double[200];
			for (int i = 0; i < 200; i++) {
				x[i] = (i + 1) / 2.0;
				y[i] = Math.max(0.01, percentile(sorted, x[i] / 100) / 1000.0);
			}
			XYSeries series = chart.addSeries(row.system().replaceFirst(":.*", "") + ", " + row.size(), x, y);
			series.setMarker(SeriesMarkers.NONE);
			series.setLineColor(colors[systems.indexOf(row.system()) % colors.length]);
			series.setLineStyle(strokes[sizes.indexOf(row.bytes()) % strokes.length]);
		}
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	/**
	 * Upstream calls in every interval of the run, a line per system, with the crash and
	 * the graceful shutdown marked.
	 */
	static void callsTimeline(List<Scenario.Result> results, Path file) throws IOException {
		XYChart chart = new XYChartBuilder().width(1000)
			.height(520)
			.title("Upstream calls per 1 s interval, " + results.get(0).instances()
					+ " instances (log scale; an interval without a call is drawn at 0.5)")
			.xAxisTitle("seconds into the run")
			.yAxisTitle("calls in the interval")
			.build();
		chart.getStyler().setYAxisLogarithmic(true);
		chart.getStyler().setYAxisMin(0.4);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
		chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
		for (Scenario.Result result : results) {
			int[] calls = result.perInterval();
			double[] x = new double[calls.length];
			double[] y = new double[calls.length];
			for (int i = 0; i < calls.length; i++) {
				x[i] = i + 0.5;
				y[i] = Math.max(0.5, calls[i]);
			}
			chart.addSeries(result.system(), x, y).setMarker(SeriesMarkers.CIRCLE);
		}
		// Every system is crashed and stopped at the same point of its run: mark the
		// first's.
		Scenario.Result first = results.get(0);
		double top = results.stream().mapToInt(Scenario.Result::max).max().orElse(1);
		chart.getStyler().setAnnotationLineColor(Color.RED);
		mark(chart, first.crashSecond(), "leader crashed", Math.max(1.5, top * 0.7));
		mark(chart, first.stopSecond(), "leader shut down gracefully", Math.max(1.2, top * 0.45));
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	private static void mark(XYChart chart, double second, String label, double height) {
		chart.addAnnotation(new AnnotationLine(second, true, false));
		AnnotationText text = new AnnotationText(label + String.format(Locale.ROOT, " (%.1f s)", second), second,
				height, false);
		chart.addAnnotation(text);
	}

}
