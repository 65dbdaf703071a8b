package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.access.Credentials;
import dev.berth.core.protocol.ServiceViews;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboard in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * driven through Selenium) against a master and three agents as processes. It logs in with the admin's token,
 * watches {@code hello} deploy to COMPLETE without reloading the page, pauses an update from the page and
 * continues it, and checks the doors: a page without a token goes to the login form, a principal without rights
 * gets 403, and a cookie alone cannot change anything without the dashboard's own header. The screenshot is
 * kept as {@code target/dashboard.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target/dashboard.png");
    static final Duration WAIT = Duration.ofSeconds(90);

    static ItCluster cluster;
    static WebDriver browser;
    static String master;

    /** A failed check keeps what the browser showed beside the nodes' logs, for the CI log to point at. */
    @RegisterExtension
    static final TestWatcher KEEP_THE_PAGE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser == null) {
                return;
            }
            try {
                Path page = BerthProcess.LOGS.resolve("dashboard-" + context.getRequiredTestMethod().getName() + ".html");
                Files.writeString(page, browser.getPageSource());
                System.out.println("dashboard: the page at the failure is kept in " + page.toAbsolutePath());
            } catch (Exception e) {
                System.out.println("dashboard: could not keep the page: " + e);
            }
        }
    };

    @BeforeAll
    static void start() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (.ci/run installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (.ci/run installs it)").isExecutable();
        cluster = new ItCluster("it-ui", 1, 3, "cpus:1;mem:512;disk:1024;ports:[31000-31010]", List.of());
        master = cluster.masterUrls.get(0);
        // the driver and the browser named outright, so Selenium Manager has nothing to look up or download
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogFile(BerthProcess.LOGS.resolve("it-ui-chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1500",
                        "--lang=en");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit(); // ends chromedriver's process and the browser's
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aPageWithoutATokenGoesToTheLoginFormAndAnApiClientGets401() throws Exception {
        browser.get(master + "/ui");
        assertThat(browser.getCurrentUrl()).isEqualTo(master + "/ui/login");
        assertThat(browser.findElement(By.id("token")).getAttribute("type")).isEqualTo("password");

        HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(master + "/ui/fragments/agents")).GET());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("unauthenticated: no bearer token");

        login("berth_not-a-token");
        assertThat(browser.findElement(By.id("login-error")).getText()).startsWith("token: not valid");

        // another site's page posting its own token to the form (to have the user act as its principal)
        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(URI.create(master + "/ui/login"))
                .header("Origin", "http://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + cluster.admin.token())));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(crossSite.body()).contains("Origin: &#39;http://evil.example&#39; is another site");
    }

    @Test
    @Order(2)
    void theAdminWatchesHelloDeployToCompleteWithoutAReload() throws Exception {
        login(cluster.admin.token());
        assertThat(browser.getCurrentUrl()).isEqualTo(master + "/ui");
        assertThat(browser.findElement(By.id("principal")).getText()).isEqualTo("admin");
        Cookie session = browser.manage().getCookieNamed("berth_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(browser.findElements(By.cssSelector(".agent"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector(".agent .bar[data-resource]")))
                .extracting(e -> e.getAttribute("data-resource")).containsOnly("cpus", "mem", "disk", "ports").hasSize(12);
        assertThat(browser.findElement(By.id("no-services")).isDisplayed()).isTrue();
        await().until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        // a reload would drop this mark: the page must change by itself
        js("window.berthNotReloaded = true;");

        ItCluster.CommandResult r = cluster.cli("install", "hello", "--set", "hello.count=3", "--set", "hello.message=v1");
        assertThat(r.exitCode()).as(r.output()).isZero();
        long started = System.nanoTime();
        await().until(ExpectedConditions.attributeToBe(By.id("plan-hello-deploy"), "data-status", "COMPLETE"));
        System.out.printf("dashboard: the deploy plan showed COMPLETE %.1f s after the install answered%n",
                (System.nanoTime() - started) / 1e9);
        assertThat(js("return window.berthNotReloaded === true;")).isEqualTo(true);

        // the pods and their tasks with links to their logs, the reservations, volumes and events, all live
        await().until(d -> d.findElements(By.cssSelector("#service-hello table.pods a[href$='/logs']")).size() == 3);
        assertThat(browser.findElements(By.cssSelector("#service-hello table.pods a[href$='/logs']")))
                .allSatisfy(a -> assertThat(a.getAttribute("href")).matches(".*/ui/tasks/hello-\\d-server__[^/]+/logs"));
        await().until(d -> d.findElements(By.cssSelector(".agent ul.volumes li")).size() == 3);
        await().until(d -> d.findElements(By.cssSelector("#events tr[data-kind='plan.status']")).stream()
                .anyMatch(e -> e.getText().matches(".*hello deploy .*→ COMPLETE.*")));
        assertThat(browser.findElement(By.cssSelector(".agent ul.reservations")).getText()).contains("berth/hello");
        assertThat(js("return window.berthNotReloaded === true;")).isEqualTo(true);

        // a task's link opens what it printed, read by its agent; then the page follows it
        String logs = browser.findElement(By.cssSelector("#service-hello table.pods a[href$='/logs']")).getAttribute("href");
        browser.get(logs);
        await().until(d -> d.findElement(By.id("log")).getText().contains("message=v1"));
        assertThat(browser.findElement(By.id("log")).getText()).containsPattern("instance=hello-\\d ");
        assertThat(browser.findElement(By.id("log-state")).getText()).isEqualTo("Following…");
        browser.get(master + "/ui");
    }

    @Test
    @Order(3)
    void anUpdateIsPausedFromThePageAndContinued() throws Exception {
        // more memory than any agent has: the update's first step waits, saying why, until the plan is steered
        ItCluster.CommandResult r = cluster.cli("update", "hello", "--set", "hello.mem=4000");
        assertThat(r.exitCode()).as(r.output()).isZero();
        await().until(d -> !d.findElements(By.cssSelector("#plan-hello-update [data-step='hello-0'] .why")).isEmpty());
        // why it waits (an offer from its agent, then memory short there) and since when
        assertThat(browser.findElement(By.cssSelector("#plan-hello-update [data-step='hello-0']")).getText())
                .containsPattern("hello-0 PENDING .*(waiting for an offer from agent|mem short by).* since \\d\\d:\\d\\d:\\d\\d UTC");

        click(By.cssSelector("#plan-hello-update button[data-action='stop']"));
        await().until(ExpectedConditions.attributeToBe(By.id("plan-hello-update"), "data-interrupted", "true"));
        assertThat(plan("update").interrupted()).as("the update as the API tells it").isTrue();
        screenshot();

        // a cookie alone (what a forged cross-site form would bring) changes nothing
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(master + "/ui/services/hello/plans/update/continue"))
                .header("Cookie", "berth_session=" + cluster.admin.token()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("needs the header 'HX-Request: true'");
        assertThat(plan("update").interrupted()).isTrue();

        click(By.cssSelector("#plan-hello-update button[data-action='continue']"));
        await().until(ExpectedConditions.attributeToBe(By.id("plan-hello-update"), "data-interrupted", "false"));
        assertThat(plan("update").interrupted()).isFalse();
    }

    @Test
    @Order(4)
    void aViewerSeesNoControlsAndAPrincipalWithoutRightsGets403() throws Exception {
        logout();
        browser.get(master + "/ui");
        assertThat(browser.getCurrentUrl()).as("logged out: the cookie is gone").isEqualTo(master + "/ui/login");

        // a viewer reads everything but steers nothing: no buttons, and the action itself is refused
        Path viewer = cluster.principal("vic", "viewer", List.of());
        login(Credentials.read(viewer).token());
        assertThat(browser.findElement(By.id("principal")).getText()).isEqualTo("vic");
        assertThat(browser.findElement(By.id("plan-hello-update")).getAttribute("data-status")).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#service-hello button[data-action]"))).isEmpty();
        HttpResponse<String> pause = send(HttpRequest.newBuilder(URI.create(master + "/ui/services/hello/plans/update/stop"))
                .header("Cookie", "berth_session=" + Credentials.read(viewer).token()).header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(pause.statusCode()).isEqualTo(403);
        assertThat(pause.body()).contains("principal 'vic' may not plan_action on service 'hello'");
        assertThat(plan("update").interrupted()).isFalse();

        // a principal that may read nothing gets a 403 page naming the rule it lacks
        logout();
        Path nobody = cluster.principal("nemo", "agent", List.of("no-such-host"));
        login(Credentials.read(nobody).token());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("403");
        assertThat(browser.findElement(By.id("error")).getText())
                .startsWith("access denied: principal 'nemo' may not read_cluster");
        browser.get(master + "/ui/services/hello");
        assertThat(browser.findElement(By.id("error")).getText()).contains("principal 'nemo' may not read_service on service 'hello'");
    }

    /** The page's own "Log out": the browser forgets its cookie and lands on the login form. */
    private static void logout() {
        browser.findElement(By.cssSelector("header form button")).click();
        await().until(d -> d.manage().getCookieNamed("berth_session") == null);
        assertThat(browser.getCurrentUrl()).isEqualTo(master + "/ui/login");
    }

    private static void login(String token) {
        browser.get(master + "/ui/login");
        browser.findElement(By.id("token")).sendKeys(token);
        org.openqa.selenium.WebElement button = browser.findElement(By.id("login"));
        button.click();
        // the click only starts the form's post: wait until the page it answers has replaced the form
        await().until(ExpectedConditions.stalenessOf(button));
    }

    private static ServiceViews.PlanView plan(String name) {
        return cluster.api.get("/v1/services/hello/plans/" + name, ServiceViews.PlanView.class);
    }

    /** Clicks, again if an event's refresh swapped the element out between finding and clicking it. */
    private static void click(By button) {
        await().until(d -> {
            d.findElement(button).click();
            return true;
        });
    }

    /** Waits for a condition on the page; an element swapped out under a check counts as not yet. */
    private static WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void screenshot() throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("dashboard: screenshot " + SCREENSHOT.toAbsolutePath());
    }
}
