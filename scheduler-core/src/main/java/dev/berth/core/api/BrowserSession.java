package dev.berth.core.api;

import java.util.Optional;

/**
 * How a browser authenticates to the dashboard. A browser cannot put an {@code Authorization} header on a page
 * navigation or on an {@code EventSource}, so the login form keeps the same bearer token in a cookie:
 * HttpOnly (no script reads it), SameSite=Strict (another site's page does not make the browser send it), on
 * path {@code /} (the event stream under {@code /v1} needs it too), Secure when the request came over TLS.
 * The cookie is only another way to carry the token: the {@link AccessFilter} checks it with the same
 * Authorizer and the same rules as a header.
 */
public final class BrowserSession {
    /** The cookie that holds a browser's token. */
    public static final String COOKIE = "berth_session";
    /** Where a browser without a valid token is sent. */
    public static final String LOGIN_PAGE = "/ui/login";
    /** The header htmx puts on each of its requests; a plain HTML form of another site cannot set it. */
    public static final String HX_REQUEST = "HX-Request";

    private BrowserSession() {
    }

    /** The {@code Set-Cookie} value that keeps {@code token} for this browser's session (until it closes). */
    public static String cookie(String token, boolean secure) {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that makes the browser forget its token. */
    public static String forget(boolean secure) {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /**
     * Cross-site request forgery: a request that changes something and is authenticated by the cookie alone
     * must come from the dashboard's own script, which marks it with {@code HX-Request}. A form or an image
     * on another site can make a browser send a request, but not with a header of its choosing. A request
     * that brings its token in the {@code Authorization} header proves by that alone that it was not forged.
     *
     * @return why the request is refused; empty when it may go on
     */
    public static Optional<String> forgeryRefusal(String method, boolean byCookie, String hxRequest) {
        if (!byCookie || isSafe(method) || "true".equalsIgnoreCase(hxRequest)) {
            return Optional.empty();
        }
        return Optional.of("access denied: " + method + " authenticated by the dashboard's session cookie needs the"
                + " header 'HX-Request: true' (the dashboard's own requests carry it; a form on another site cannot);"
                + " API clients send 'Authorization: Bearer <token>' instead");
    }

    /**
     * Login forgery: a page of another site could post its own token to the login form and so have the user act,
     * unknowingly, as the attacker's principal. Browsers send {@code Origin} with every form post; one that names
     * another host than the request's {@code Host} is refused. (No {@code Origin} at all: a client that is not a
     * browser, which has no cookie to be tricked into.)
     *
     * @return why the login is refused; empty when it may go on
     */
    public static Optional<String> crossSiteLogin(String origin, String host) {
        if (origin == null || host == null) {
            return Optional.empty();
        }
        String originHost = origin.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        if (originHost.equalsIgnoreCase(host)) {
            return Optional.empty();
        }
        return Optional.of("Origin: '" + origin + "' is another site than this master ('" + host + "'); log in from "
                + "the dashboard's own login page");
    }

    /**
     * A browser navigating to a whole dashboard page: without a valid token it is sent to the login page (303)
     * instead of a 401, and a refusal comes back as a page. API clients, the event stream and the dashboard's
     * own fragment requests keep their JSON 401 and 403, which is what they can act on.
     */
    public static boolean wantsPage(String method, String path, String accept, String hxRequest) {
        return isSafe(method) && (path.equals("/ui") || path.startsWith("/ui/")) && hxRequest == null
                && accept != null && accept.contains("text/html");
    }

    /** A short HTML page for an error a browser navigated into; the message is escaped. */
    public static String errorPage(int status, String message) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Berth: " + status + "</title></head>"
                + "<body style=\"font-family: sans-serif; margin: 2rem\"><h1>" + status + "</h1><p id=\"error\">"
                + escape(message) + "</p><p><a href=\"/ui\">Dashboard</a> · <a href=\"" + LOGIN_PAGE
                + "\">Log in as someone else</a></p></body></html>";
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }
}
