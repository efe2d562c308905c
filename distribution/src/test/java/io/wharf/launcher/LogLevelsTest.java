package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;

import org.junit.jupiter.api.Test;

class LogLevelsTest {

    @Test
    void dockerLevelsBecomeJettyLoggerLevels() {
        Properties p = new Properties();
        LogLevels.apply("debug", p);
        assertEquals("DEBUG", p.get("log.LEVEL"));
        assertEquals("DEBUG", p.get("io.wharf.LEVEL"));
        assertEquals("INFO", p.get("org.eclipse.jetty.LEVEL"));

        Properties fatal = new Properties();
        LogLevels.apply("fatal", fatal);
        assertEquals("ERROR", fatal.get("io.wharf.LEVEL"));
    }

    @Test
    void levelsGivenOnTheJavaCommandLineWin() {
        Properties p = new Properties();
        p.setProperty("io.wharf.LEVEL", "TRACE");
        LogLevels.apply("info", p);
        assertEquals("TRACE", p.get("io.wharf.LEVEL"));
        assertEquals("INFO", p.get("log.LEVEL"));
    }
}
