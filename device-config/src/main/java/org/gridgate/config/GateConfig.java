package org.gridgate.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The whole configuration of one gate terminal, as validated by {@link ConfigLoader}. */
public record GateConfig(
        Path source,
        GateIdentity gate,
        StorageConfig storage,
        PolicyConfig policy,
        ThermometerConfig thermometer,
        List<ScannerConfig> scanners,
        GpioConfig gpio,
        Optional<MqttConfig> mqtt,
        CredentialConfig credentials,
        Optional<ConsoleConfig> console) {

    public GateConfig {
        scanners = List.copyOf(scanners);
    }
}
