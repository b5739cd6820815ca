package io.snapgpu.race;

import io.snapgpu.validation.FieldErrors;
import io.snapgpu.validation.Inputs;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * How a race launches machines: {@code waveSize} machines at once, another wave every
 * {@code waveIntervalSeconds} (or at once when every machine launched so far has failed), at most
 * {@code maxWaves}; the race fails after {@code timeoutSeconds}; one machine is given up after
 * {@code candidateTimeoutSeconds}. With {@code rankByHostStats}, hosts are ranked by SnapGPU's boot
 * statistics, and a further wave also waits while a machine in flight is still within its host's
 * observed boot time (p90, with slack). Durations are marketplace seconds (see {@link RaceConfig#timeScale()}).
 * {@code maxPricePerHour} and {@code maxRaceCost} (null: no cap) are the caller's caps on money: the
 * first filters offers, the second refuses a race whose worst case ({@link RacePreview}) is more.
 */
public record RacePolicy(int waveSize, double waveIntervalSeconds, int maxWaves, int timeoutSeconds,
        int candidateTimeoutSeconds, boolean rankByHostStats, BigDecimal maxPricePerHour, BigDecimal maxRaceCost) {

    public static final int DEFAULT_WAVE_SIZE = 5;
    public static final double DEFAULT_WAVE_INTERVAL_SECONDS = 10;
    public static final int DEFAULT_MAX_WAVES = 3;
    public static final int DEFAULT_TIMEOUT_SECONDS = 900;

    public static RacePolicy defaults() {
        return of(null);
    }

    /** Validates every field; a refusal names each bad one as {@code policy.<field>} with its allowed range. */
    public static RacePolicy of(RaceRequest.RacePolicyInput in) {
        RaceRequest.RacePolicyInput i = in == null ? new RaceRequest.RacePolicyInput(null, null, null, null, null, null, null, null) : in;
        FieldErrors errors = Inputs.check();
        int waveSize = i.waveSize() == null ? DEFAULT_WAVE_SIZE
                : errors.get(() -> Inputs.range("policy.waveSize", i.waveSize(), 1, 20), DEFAULT_WAVE_SIZE);
        double interval = i.waveIntervalSeconds() == null ? DEFAULT_WAVE_INTERVAL_SECONDS
                : errors.get(() -> Inputs.between("policy.waveIntervalSeconds", i.waveIntervalSeconds(), 0, 3600),
                        DEFAULT_WAVE_INTERVAL_SECONDS);
        int maxWaves = i.maxWaves() == null ? DEFAULT_MAX_WAVES
                : errors.get(() -> Inputs.range("policy.maxWaves", i.maxWaves(), 1, 10), DEFAULT_MAX_WAVES);
        int timeout = i.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS
                : errors.get(() -> Inputs.range("policy.timeoutSeconds", i.timeoutSeconds(), 10, 86_400), DEFAULT_TIMEOUT_SECONDS);
        int candidateTimeout = i.candidateTimeoutSeconds() == null ? timeout
                : errors.get(() -> Inputs.range("policy.candidateTimeoutSeconds", i.candidateTimeoutSeconds(), 10, timeout), timeout);
        BigDecimal maxPrice = errors.get(() -> Inputs.money("policy.maxPricePerHour", i.maxPricePerHour(), 1000, "$/h"));
        BigDecimal maxCost = errors.get(() -> Inputs.money("policy.maxRaceCost", i.maxRaceCost(), 100_000, "$"));
        return errors.orThrow(new RacePolicy(waveSize, interval, maxWaves, timeout, candidateTimeout,
                i.rankByHostStats() == null || i.rankByHostStats(), maxPrice, maxCost));
    }

    public RaceRequest.RacePolicyInput toInput() {
        return new RaceRequest.RacePolicyInput(waveSize, waveIntervalSeconds, maxWaves, timeoutSeconds, candidateTimeoutSeconds,
                rankByHostStats, maxPricePerHour, maxRaceCost);
    }

    static Duration scaled(double seconds, double timeScale) {
        return Duration.ofNanos(Math.max(0, Math.round(seconds * timeScale * 1e9)));
    }
}
