package io.snapgpu.support;

import java.util.List;

/** A provider-shaped test API whose machines are real SSH hosts ({@link FakeMachine}). */
public interface FakeMarket extends AutoCloseable {
    /** The machines it still has (billed). */
    List<FakeMachine> alive();

    FakeMachine machine(String providerInstanceId);

    @Override
    void close();
}
