package org.bnplkit.smartpay.bench;

import java.io.PrintStream;

/** One benchmark that {@link BenchMain} can run: loopback only, warm-up, fixed iteration counts, bounded time. */
public interface Benchmark {

    /** Short name used to select it: {@code mvn -q -Pbench -Dexec.args=client}. */
    String name();

    /** Runs and prints clear result lines; returns false when a target was missed. */
    boolean run(PrintStream out) throws Exception;
}
