package org.naturaflux.format;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time a thread has used ({@link ThreadMXBean#getCurrentThreadCpuTime}): what a stage of an export
 * costs whatever else the machine runs, unlike its wall time. Read by the thread itself, before it ends
 * (the JVM forgets a thread's CPU time once it is gone).
 */
public final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

    private ThreadCpu() {
    }

    /** The CPU time (user and system) the calling thread has used so far, in nanoseconds; 0 when the JVM cannot tell. */
    public static long current() {
        if (!SUPPORTED) {
            return 0;
        }
        long nanos = THREADS.getCurrentThreadCpuTime();
        return Math.max(0, nanos);
    }
}
