package dev.berth.app;

import java.util.logging.Handler;
import java.util.logging.Logger;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * A client command's logging as Quarkus's "cli" profile had it: warnings and errors only, on stderr, in
 * Quarkus's console format, so that libraries' notes (the CQL driver's, the Kafka client's) never mix with a
 * command's output. Without Quarkus started, the root logger only has the handler that holds messages
 * until Quarkus would configure logging; it is replaced by the console handler.
 */
final class ClientLogging {
    /** Quarkus's default console format. */
    static final String FORMAT = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n";

    private ClientLogging() {
    }

    static void quiet() {
        Logger root = Logger.getLogger("");
        for (Handler held : root.getHandlers()) {
            root.removeHandler(held);
        }
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR, new PatternFormatter(FORMAT));
        console.setLevel(Level.WARN);
        root.addHandler(console);
        root.setLevel(Level.WARN);
    }
}
