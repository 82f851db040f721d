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
        Optional<ConsoleConfig> console,
        Optional<MaskLineConfig> maskLine,
        ResidentConfig resident) {

    public GateConfig {
        scanners = List.copyOf(scanners);
    }

    /** The config as loaded, with the parts the simulator and tests replace. */
    public GateConfig withDevices(ThermometerConfig thermometer, List<ScannerConfig> scanners) {
        return new GateConfig(source, gate, storage, policy, thermometer, scanners, gpio, mqtt, credentials, console,
                maskLine, resident);
    }

    public GateConfig withPolicy(PolicyConfig policy) {
        return new GateConfig(source, gate, storage, policy, thermometer, scanners, gpio, mqtt, credentials, console,
                maskLine, resident);
    }

    public GateConfig withMqtt(Optional<MqttConfig> mqtt) {
        return new GateConfig(source, gate, storage, policy, thermometer, scanners, gpio, mqtt, credentials, console,
                maskLine, resident);
    }

    public GateConfig withCredentials(CredentialConfig credentials) {
        return new GateConfig(source, gate, storage, policy, thermometer, scanners, gpio, mqtt, credentials, console,
                maskLine, resident);
    }

    public GateConfig withConsole(Optional<ConsoleConfig> console) {
        return new GateConfig(source, gate, storage, policy, thermometer, scanners, gpio, mqtt, credentials, console,
                maskLine, resident);
    }

    public GateConfig withMaskLine(Optional<MaskLineConfig> maskLine) {
        return new GateConfig(source, gate, storage, policy, thermometer, scanners, gpio, mqtt, credentials, console,
                maskLine, resident);
    }

    public GateConfig withResident(ResidentConfig resident) {
        return new GateConfig(source, gate, storage, policy, thermometer, scanners, gpio, mqtt, credentials, console,
                maskLine, resident);
    }
}
