package dev.berth.cassandra;

import dev.berth.core.sdk.hooks.HookJobs;

/**
 * What a failed operation on a node says, as Cassandra said it: JMX wraps what the node threw (its
 * refusal to decommission below a keyspace's replication factor) in MBeanException,
 * RuntimeMBeanException…, unwrapped here; the package's own errors (a node not listening) keep the node
 * they name. The reason of the hooks' {@link HookJobs}.
 */
final class JmxFailures {
    private JmxFailures() {
    }

    static String reason(Throwable e) {
        Throwable said = e;
        while (said.getCause() != null && said.getCause() != said && isWrapper(said)) {
            said = said.getCause();
        }
        return HookJobs.reason(said);
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof javax.management.MBeanException || t instanceof javax.management.RuntimeMBeanException
                || t instanceof javax.management.ReflectionException || t instanceof javax.management.RuntimeErrorException
                || t instanceof java.lang.reflect.UndeclaredThrowableException
                || t instanceof java.lang.reflect.InvocationTargetException
                || t instanceof java.util.concurrent.ExecutionException;
    }
}
