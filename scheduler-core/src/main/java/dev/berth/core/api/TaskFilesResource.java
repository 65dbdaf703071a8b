package dev.berth.core.api;

import dev.berth.core.master.Master;
import dev.berth.core.protocol.ApiError;
import dev.berth.core.protocol.TaskFileChunk;
import dev.berth.core.protocol.TaskFileRead;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A task's output and log files, read by its agent through the master ({@code GET /v1/tasks/{id}/logs}): a piece
 * as JSON ({@link TaskFileChunk}: the last {@code tail} lines, or from {@code offset} on), or, with
 * {@code Accept: text/event-stream}, the file followed as it grows: each piece an event whose id is the offset
 * after it, so a reader that reconnects with {@code Last-Event-ID} goes on where it was ({@code follow=true} asks
 * for the stream too: {@link StreamNegotiation}). {@code stream} is
 * {@code stdout} (default) or {@code stderr}; {@code file} names another file instead (see
 * {@link dev.berth.core.protocol.TaskFiles}).
 */
@Path("/v1/tasks/{taskId}/logs")
public class TaskFilesResource {
    /** What one piece holds by default: enough for a screen of history, small on the agent's protocol. */
    static final int DEFAULT_LIMIT = 256 * 1024;
    /** How long a follower waits before asking again when the file has not grown. */
    static final long FOLLOW_PAUSE_MS = 500;

    private static final Executor PAUSED = CompletableFuture.delayedExecutor(FOLLOW_PAUSE_MS, TimeUnit.MILLISECONDS);

    @Inject
    MasterHolder holder;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @CheckedBeyond("the master: read_logs on the task's service (its framework's name)")
    public CompletionStage<TaskFileChunk> read(@PathParam("taskId") String taskId, @QueryParam("stream") String stream,
                                               @QueryParam("file") String file, @QueryParam("offset") Long offset,
                                               @QueryParam("tail") Integer tail, @QueryParam("limit") Integer limit,
                                               @Context SecurityContext caller) {
        TaskFileRead read = request(taskId, stream, file, offset, tail, limit);
        return holder.leader().readTaskFile(AccessFilter.principal(caller), read);
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @CheckedBeyond("the master: read_logs on the task's service (its framework's name), at every piece")
    public void follow(@PathParam("taskId") String taskId, @QueryParam("stream") String stream,
                       @QueryParam("file") String file, @QueryParam("offset") Long offset, @QueryParam("tail") Integer tail,
                       @HeaderParam("Last-Event-ID") String lastEventId, @Context SecurityContext caller,
                       @Context SseEventSink sink, @Context Sse sse) {
        Master master = holder.leader();
        Long resumeAt = lastEventId == null || lastEventId.isBlank() ? offset : parseOffset(lastEventId);
        // a resumed reader goes on from its offset; a new one starts with the tail it asked for (or the start)
        TaskFileRead first = request(taskId, stream, file, resumeAt, resumeAt == null ? tail : null, null);
        String principal = AccessFilter.principal(caller);
        // the first piece is read before the stream opens, so a refusal or an unknown task is a plain HTTP error
        // (this runs on a worker thread, which may wait)
        TaskFileChunk chunk = master.readTaskFile(principal, first).join();
        new Follower(master, principal, sink, sse).handle(first, chunk);
    }

    /** One follower: reads, sends what it got, and reads again from where it ended, until the reader goes. */
    private record Follower(Master master, String principal, SseEventSink sink, Sse sse) {
        void next(TaskFileRead read) {
            if (sink.isClosed()) {
                return;
            }
            master.readTaskFile(principal, read).whenComplete((chunk, failed) -> {
                if (failed == null) {
                    handle(read, chunk);
                    return;
                }
                // the stream is open: the error is an event, then the end (the leader gone: the reader reconnects)
                ApiError error = ApiExceptionMappers.toResponse(failed).getEntity() instanceof ApiError e ? e
                        : ApiError.of(String.valueOf(failed));
                sink.send(sse.newEventBuilder().name("error").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(ApiError.class, error).build()).whenComplete((s, f) -> sink.close());
            });
        }

        void handle(TaskFileRead read, TaskFileChunk chunk) {
            TaskFileRead after = new TaskFileRead(read.taskId(), read.file(), chunk.nextOffset(), 0, read.limit());
            boolean done = chunk.taskEnded() && chunk.atEnd();
            if (chunk.data().isEmpty() && !chunk.truncated() && !done) {
                CompletableFuture.runAsync(() -> next(after), PAUSED);
                return;
            }
            // the last piece is sent even when empty: it tells the reader the task has ended, so it need not reconnect
            sink.send(sse.newEventBuilder().id(Long.toString(chunk.nextOffset())).name("chunk")
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(TaskFileChunk.class, chunk).build())
                    .whenComplete((sent, gone) -> {
                        if (gone != null) {
                            sink.close(); // the reader went away
                        } else if (done) {
                            sink.close();
                        } else {
                            next(after);
                        }
                    });
        }
    }

    static TaskFileRead request(String taskId, String stream, String file, Long offset, Integer tail, Integer limit) {
        if (file != null && !file.isBlank() && stream != null && !stream.isBlank()) {
            throw new IllegalArgumentException("stream: '" + stream + "' and file: '" + file + "' were both given; name one");
        }
        String which = file != null && !file.isBlank() ? file : stream == null || stream.isBlank() ? "stdout" : stream;
        if ((file == null || file.isBlank()) && !which.equals("stdout") && !which.equals("stderr")) {
            throw new IllegalArgumentException("stream: '" + stream + "' is not a stream; use stdout or stderr (or file=PATH)");
        }
        if (offset != null && tail != null && tail > 0) {
            throw new IllegalArgumentException("offset: " + offset + " and tail: " + tail + " were both given; name one");
        }
        return new TaskFileRead(taskId, which, offset == null ? 0 : offset, tail == null ? 0 : tail,
                limit == null ? DEFAULT_LIMIT : limit);
    }

    private static Long parseOffset(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Last-Event-ID: '" + lastEventId + "' is not a byte offset; use the id of"
                    + " the last event read");
        }
    }
}
