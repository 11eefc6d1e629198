package org.bnplkit.smartpay.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mvn -q -Pbench}: runs every benchmark (or those named in the arguments, {@code -Dbench=a,b} or
 * the environment variable {@code BENCH=a,b}, e.g. {@code BENCH=client mvn -q -Pbench}),
 * each against servers on 127.0.0.1 only. Add a benchmark by adding it to {@link #benchmarks()}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    static List<Benchmark> benchmarks() {
        List<Benchmark> all = new ArrayList<>();
        all.add(new ClientOverheadBenchmark());
        all.add(new SandboxThroughputBenchmark());
        all.add(new SandboxMemoryBenchmark());
        all.add(new OperationsBenchmark());
        return all;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Benchmark> byName = new LinkedHashMap<>();
        for (Benchmark benchmark : benchmarks()) {
            byName.put(benchmark.name(), benchmark);
        }
        List<String> selected = new ArrayList<>(Arrays.asList(args));
        for (String choice : new String[] {System.getProperty("bench"), System.getenv("BENCH")}) {
            if (choice != null && !choice.isBlank()) {
                selected.addAll(Arrays.asList(choice.split(",")));
            }
        }
        if (selected.isEmpty()) {
            selected.addAll(byName.keySet());
        }
        System.out.println("Benchmarks on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        boolean allMet = true;
        for (String name : selected) {
            Benchmark benchmark = byName.get(name.trim());
            if (benchmark == null) {
                System.out.println("unknown benchmark '" + name + "'; known: " + byName.keySet());
                System.exit(2);
            }
            System.out.println();
            System.out.println("== " + benchmark.name());
            allMet &= benchmark.run(System.out);
        }
        System.out.println();
        System.out.println(allMet ? "All targets met." : "Some targets were missed (see MISSED lines).");
        System.exit(0);
    }
}
