package org.gridgate.uplink.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.gridgate.config.MqttConfig;
import org.slf4j.Logger;

/**
 * How the gate proves itself to the broker beyond TLS: the MQTT username and password, when the
 * config has them. Also where a link in clear to another host is called out at every start.
 */
final class BrokerLogin {
    private BrokerLogin() {}

    /** @throws IllegalArgumentException naming the password file that could not be read (never its content) */
    static void apply(MqttConfig config, MqttConnectOptions options, Logger log) {
        config.login().ifPresent(login -> {
            options.setUserName(login.username());
            String password;
            if (login.passwordFile().isPresent()) {
                try {
                    password = Files.readString(login.passwordFile().get(), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new IllegalArgumentException("mqtt.passwordFile " + login.passwordFile().get()
                            + " cannot be read: " + e.getClass().getSimpleName(), e);
                }
            } else {
                password = login.password().orElse("");
            }
            options.setPassword(password.toCharArray());
        });
        for (String uri : config.plaintextOffHost()) {
            log.warn("uplink: {} is plain TCP to another host (mqtt.allowPlaintext): records travel in clear and any"
                    + " host on the LAN can pose as the broker; use ssl:// with mqtt.tls", uri);
        }
        if (config.login().isPresent() && config.tls().isEmpty() && !config.plaintextOffHost().isEmpty()) {
            log.warn("uplink: the MQTT password is sent in clear over tcp://");
        }
    }
}
