package dev.berth.core.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The endpoints that answer either a list or a stream ({@code /v1/events}, {@code /v1/tasks/{id}/logs}) choose by
 * {@code Accept}; a request that accepts anything ({@code curl} without options) would get whichever the server
 * tried first. Here, before a method is chosen, such a request gets JSON, and {@code follow=true} asks for the
 * stream whatever the request accepts, so {@code curl 'URL?follow=true'} follows.
 */
public class StreamNegotiation {
    private static final Pattern EITHER = Pattern.compile("/v1/events/?|/v1/tasks/[^/]+/logs/?");

    @ServerRequestFilter(preMatching = true)
    public void negotiate(ContainerRequestContext request) {
        if (!request.getMethod().equals("GET") || !EITHER.matcher(request.getUriInfo().getPath()).matches()) {
            return;
        }
        String follow = request.getUriInfo().getQueryParameters().getFirst("follow");
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if ("true".equalsIgnoreCase(follow)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.SERVER_SENT_EVENTS);
        } else if (accept == null || accept.isBlank() || accept.trim().equals(MediaType.WILDCARD)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }
}
