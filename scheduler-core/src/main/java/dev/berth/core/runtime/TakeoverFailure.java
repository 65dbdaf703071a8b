package dev.berth.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Says in one line why a takeover failed: the messages down the cause chain, each once. The outer ones name
 * what was being done and where (the znode), the inner ones what was wrong there (a JSON parse error, a
 * ZooKeeper code); wrappers of asynchronous calls add nothing and are skipped.
 */
final class TakeoverFailure {
    private TakeoverFailure() {
    }

    static String describe(Throwable failure) {
        List<String> said = new ArrayList<>();
        for (Throwable t = failure; t != null && said.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CompletionException || t instanceof ExecutionException) {
                continue;
            }
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            if (said.stream().noneMatch(s -> s.contains(message))) {
                said.add(message);
            }
        }
        return said.isEmpty() ? failure.getClass().getName() : String.join(": ", said);
    }
}
