package dev.bellwether.sample.websocket;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.Snapshot;
import dev.bellwether.leader.Leadership;
import dev.bellwether.sample.websocket.market.MarketSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page in headless Chromium (Debian's chromium and chromium-driver, driven by
 * Selenium): pages open on two instances show each new revision within a second of its
 * publication, and the page on the survivor keeps updating when the leader stops.
 */
class MarketPageBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private MarketFleet fleet;

	private ChromeDriver pageOnA;

	private ChromeDriver pageOnB;

	@BeforeEach
	void start() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"No Chromium here: apt-get install chromium chromium-driver (.ci/run installs them)");
		this.fleet = new MarketFleet("2s");
		this.pageOnA = browser();
		this.pageOnB = browser();
	}

	@AfterEach
	void stop() {
		if (this.pageOnA != null) {
			this.pageOnA.quit();
		}
		if (this.pageOnB != null) {
			this.pageOnB.quit();
		}
		if (this.fleet != null) {
			this.fleet.close();
		}
	}

	@Test
	void pagesOnTwoInstancesShowEachNewRevisionWithinASecondAndSurviveTheLeader() throws Exception {
		ConfigurableApplicationContext a = this.fleet.start("md-a");
		ConfigurableApplicationContext b = this.fleet.start("md-b");
		this.pageOnA.get(MarketFleet.url(a, "/"));
		this.pageOnB.get(MarketFleet.url(b, "/"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> live(this.pageOnA) && live(this.pageOnB) && revision(this.pageOnA) >= 1
					&& revision(this.pageOnB) >= 1);
		Dataset<MarketSnapshot> market = a.getBean(Datasets.class).get("market", MarketSnapshot.class);
		long before = market.revision();
		await().until(() -> market.revision() > before);
		Snapshot<MarketSnapshot> published = market.snapshot().orElseThrow();
		long publishedAt = published.updatedAt().toEpochMilli();
		await().atMost(Duration.ofSeconds(2))
			.until(() -> revision(this.pageOnA) >= published.revision()
					&& revision(this.pageOnB) >= published.revision());
		for (ChromeDriver page : List.of(this.pageOnA, this.pageOnB)) {
			Map<?, ?> state = state(page);
			if (((Number) state.get("revision")).longValue() == published.revision()) {
				long latency = ((Number) state.get("receivedAt")).longValue() - publishedAt;
				System.out.printf("revision %d shown %d ms after its publication%n", published.revision(), latency);
				assertThat(latency).isLessThanOrEqualTo(1000);
			}
		}
		assertThat(this.pageOnA.findElements(By.cssSelector("#quotes tr[data-symbol]"))).hasSize(16);
		screenshot(this.pageOnA, "market-page.png");
		ConfigurableApplicationContext leader = a.getBean(Leadership.class).isLeader() ? a : b;
		ChromeDriver survivorPage = (leader == a) ? this.pageOnB : this.pageOnA;
		leader.close();
		long atStop = revision(survivorPage);
		await().atMost(Duration.ofSeconds(15)).until(() -> revision(survivorPage) >= atStop + 2 && live(survivorPage));
		assertThat(survivorPage.findElement(By.id("role")).getText()).isEqualTo("LEADER");
	}

	private static boolean live(ChromeDriver page) {
		return "live".equals(page.findElement(By.id("connection")).getDomAttribute("data-state"));
	}

	private static long revision(ChromeDriver page) {
		String text = page.findElement(By.id("revision")).getText().trim();
		return text.matches("\\d+") ? Long.parseLong(text) : 0;
	}

	private static Map<?, ?> state(ChromeDriver page) {
		return (Map<?, ?>) ((JavascriptExecutor) page).executeScript("return window.marketState;");
	}

	private static void screenshot(ChromeDriver page, String name) throws Exception {
		File shot = ((TakesScreenshot) page).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
	}

	private static ChromeDriver browser() throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900",
				"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
