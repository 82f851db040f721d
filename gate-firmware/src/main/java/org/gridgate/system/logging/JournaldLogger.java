package org.gridgate.system.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An slf4j logger that writes journald lines to stdout; its threshold comes from {@link Logging}. */
final class JournaldLogger extends LegacyAbstractLogger {
    JournaldLogger(String name) {
        this.name = name;
    }

    private boolean on(Level level) {
        return Logging.enabled(name, level.toInt());
    }

    @Override
    public boolean isTraceEnabled() {
        return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
            Throwable thrown) {
        int priority = switch (level) {
            case ERROR -> 3;
            case WARN -> 4;
            case INFO -> 6;
            case DEBUG, TRACE -> 7;
        };
        Logging.write(JournaldFormatter.line(priority, name, MessageFormatter.basicArrayFormat(pattern, args), thrown,
                Logging.prefixed()));
    }
}
