package dev.berth.core.master;

/** A task, or the file of a task, that the master or its agent does not know: the API answers 404. */
public final class NoSuchTaskException extends RuntimeException {
    NoSuchTaskException(String taskId) {
        super("no task '" + taskId + "' is known to the master (ended tasks are kept a while, then forgotten)");
    }

    NoSuchTaskException(String message, boolean asIs) {
        super(message);
    }
}
