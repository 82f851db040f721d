package org.gridgate.config;

import java.time.ZoneId;

/** Who this terminal is: the gate id, its community and the local time zone for daily summaries. */
public record GateIdentity(String id, String community, ZoneId zone) {}
