package org.bnplkit.smartpay.model;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Random;

import net.jqwik.api.Example;

/**
 * The soak: random scenarios until {@code -Dchaos.minutes} (default 30) are spent, each with its own seed drawn from
 * the run's seed ({@code -Dchaos.seed}, else random; printed first). The first scenario that breaks an invariant is
 * shrunk (up to a quarter of the run's time, at least 5 minutes) and printed as readable steps with its scenario seed;
 * that seed, added to {@link MoneyModelIT#SEEDS}, replays it in every build. Only under {@code mvn -B verify -Pchaos}.
 */
class MoneyModelSoakIT {

    @Example
    void randomScenariosUntilTheTimeIsUp() {
        long minutes = Long.parseLong(System.getProperty("chaos.minutes", "30").trim());
        String seedProperty = System.getProperty("chaos.seed", "").trim();
        long runSeed = seedProperty.isEmpty() ? new Random().nextLong() : Long.parseLong(seedProperty);
        System.out.println("MoneyModelSoakIT: run seed " + runSeed + " (-Dchaos.seed=" + runSeed + " repeats this run), "
                + minutes + " minutes of scenarios of up to " + MoneyModelIT.STEPS + " steps");
        Random seeds = new Random(runSeed);
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(minutes).toMillis();
        Duration shrinkFor = Duration.ofMinutes(Math.max(5, minutes / 4));
        int scenarios = 0;
        long steps = 0;
        while (System.currentTimeMillis() < deadline) {
            long seed = seeds.nextLong();
            System.out.println("MoneyModelSoakIT: scenario " + (scenarios + 1) + ", seed " + seed + "L");
            ModelRun.Result result = ModelRun.run(seed, MoneyModelIT.STEPS, shrinkFor);
            scenarios++;
            steps += result.steps();
            if (result.failure() != null) {
                System.out.println(result.failure().report());
                fail("scenario seed " + result.failure().seed() + "L broke [" + result.failure().invariant() + "] after "
                        + scenarios + " scenarios (" + steps + " steps); add the seed to MoneyModelIT.SEEDS\n"
                        + result.failure().report());
            }
        }
        System.out.println("MoneyModelSoakIT: " + scenarios + " scenarios, " + steps + " steps in " + minutes
                + " minutes, no invariant broken (run seed " + runSeed + ")");
    }
}
