package org.gridgate.device;

import java.io.IOException;

/** Opens the byte link for a configured port: jSerialComm on a gate, in-process pipes in the simulator. */
@FunctionalInterface
public interface ByteLinkFactory {
    ByteLink open(String port, int baud) throws IOException;
}
