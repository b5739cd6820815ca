package io.snapgpu.config;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * Scheduled jobs skip their turns until the startup checks are through (the schema is migrated):
 * the scheduler starts with the application, before a slow migration may have ended.
 */
@Singleton
public class UntilStarted implements Scheduled.SkipPredicate {
    private static volatile boolean started;

    /** Called once the startup checks are through. */
    public static void markStarted() {
        started = true;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !started;
    }
}
