package dev.berth.core.ui;

import dev.berth.core.api.CheckedBeyond;
import dev.berth.core.api.TaskFilesResource;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * A task's log in the dashboard ({@code /ui/tasks/{id}/logs}, the link beside each task): its last lines read
 * by the API's own {@code GET /v1/tasks/{id}/logs}, then followed in the page from the API's
 * stream, starting at the offset after them. Who may read it is the master's rule, as for the API.
 */
@Path("/ui/tasks/{taskId}/logs")
@Produces(MediaType.TEXT_HTML)
public class TaskLogsPage {
    /** The lines a page opens with: a screen or a few of history; older ones are for the CLI. */
    static final int TAIL = 500;

    @Inject
    TaskFilesResource files;
    @Inject
    DashboardData data;

    @GET
    @CheckedBeyond("the master: read_logs on the task's service, as for GET /v1/tasks/{id}/logs (and at every piece followed)")
    public CompletionStage<TemplateInstance> page(@PathParam("taskId") String taskId, @QueryParam("stream") String stream,
                                                  @QueryParam("file") String file, @Context SecurityContext caller) {
        Views.Header header = data.header(caller);
        return files.read(taskId, stream, file, null, TAIL, null, caller).thenApply(chunk -> {
            String which = (chunk.file().equals("stdout") || chunk.file().equals("stderr") ? "stream=" : "file=")
                    + URLEncoder.encode(chunk.file(), StandardCharsets.UTF_8);
            String follow = "/v1/tasks/" + URLEncoder.encode(taskId, StandardCharsets.UTF_8) + "/logs?follow=true&offset="
                    + chunk.nextOffset() + "&" + which;
            return UiTemplates.logs(header, "/v1/events?kind=task", chunk, follow);
        });
    }
}
