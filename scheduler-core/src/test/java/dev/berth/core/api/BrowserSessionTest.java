package dev.berth.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrowserSessionTest {
    @Test
    void theCookieIsOutOfScriptsReachAndNotSentCrossSiteAndSecureOverTls() {
        assertThat(BrowserSession.cookie("berth_abc", false))
                .isEqualTo("berth_session=berth_abc; Path=/; HttpOnly; SameSite=Strict");
        assertThat(BrowserSession.cookie("berth_abc", true)).endsWith("; SameSite=Strict; Secure");
        assertThat(BrowserSession.forget(false)).startsWith("berth_session=; Path=/; Max-Age=0;").contains("HttpOnly");
    }

    @Test
    void aChangeAuthenticatedByTheCookieAloneNeedsTheDashboardsHeader() {
        assertThat(BrowserSession.forgeryRefusal("POST", true, null)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("access denied: POST authenticated by the dashboard's session cookie needs the header 'HX-Request: true'"));
        assertThat(BrowserSession.forgeryRefusal("DELETE", true, "false")).isPresent();
        assertThat(BrowserSession.forgeryRefusal("POST", true, "true")).isEmpty();
        assertThat(BrowserSession.forgeryRefusal("POST", true, "TRUE")).isEmpty();
    }

    @Test
    void readsAndHeaderTokensNeedNoMark() {
        assertThat(BrowserSession.forgeryRefusal("GET", true, null)).isEmpty();
        assertThat(BrowserSession.forgeryRefusal("HEAD", true, null)).isEmpty();
        // a token in the Authorization header: a forged cross-site request cannot bring one
        assertThat(BrowserSession.forgeryRefusal("POST", false, null)).isEmpty();
    }

    @Test
    void onlyABrowserNavigatingToADashboardPageGetsPagesInsteadOfJson() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assertThat(BrowserSession.wantsPage("GET", "/ui", browser, null)).isTrue();
        assertThat(BrowserSession.wantsPage("GET", "/ui/services/kafka", browser, null)).isTrue();
        assertThat(BrowserSession.wantsPage("GET", "/ui/fragments/agents", browser, "true")).as("htmx's own request").isFalse();
        assertThat(BrowserSession.wantsPage("GET", "/v1/agents", browser, null)).as("the API").isFalse();
        assertThat(BrowserSession.wantsPage("GET", "/uix", browser, null)).isFalse();
        assertThat(BrowserSession.wantsPage("GET", "/ui", "application/json", null)).isFalse();
        assertThat(BrowserSession.wantsPage("GET", "/ui", null, null)).as("curl sends */* or nothing").isFalse();
        assertThat(BrowserSession.wantsPage("POST", "/ui/services/s/plans/p/stop", browser, null)).isFalse();
    }

    @Test
    void theErrorPageEscapesItsMessage() {
        assertThat(BrowserSession.errorPage(403, "principal '<b>x</b>' & co"))
                .contains("<p id=\"error\">principal &#39;&lt;b&gt;x&lt;/b&gt;&#39; &amp; co</p>").contains("<h1>403</h1>");
    }

    @Test
    void aLoginPostedFromAnotherSiteIsRefused() {
        assertThat(BrowserSession.crossSiteLogin("http://127.0.0.1:8080", "127.0.0.1:8080")).isEmpty();
        assertThat(BrowserSession.crossSiteLogin("https://berth.example:8443", "BERTH.example:8443")).isEmpty();
        assertThat(BrowserSession.crossSiteLogin(null, "127.0.0.1:8080")).as("not a browser").isEmpty();
        assertThat(BrowserSession.crossSiteLogin("http://evil.example", "127.0.0.1:8080")).hasValue(
                "Origin: 'http://evil.example' is another site than this master ('127.0.0.1:8080'); log in from the"
                        + " dashboard's own login page");
        assertThat(BrowserSession.crossSiteLogin("null", "127.0.0.1:8080")).as("an opaque origin").isPresent();
    }
}
