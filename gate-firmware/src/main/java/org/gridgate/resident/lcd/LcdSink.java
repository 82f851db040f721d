package org.gridgate.resident.lcd;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import org.gridgate.config.ResidentConfig;
import org.gridgate.resident.ResidentSink;
import org.gridgate.resident.ResidentView;
import org.gridgate.timing.Scheduler;

/** The resident views on a 12864 LCD: four rows of Chinese, through Pi4J's SPI. */
public final class LcdSink implements ResidentSink {
    private final St7920 lcd;
    private final Spi spi;

    LcdSink(Spi spi, Scheduler scheduler) {
        this.spi = spi;
        this.lcd = new St7920(spi::write, scheduler);
    }

    /**
     * Opens the configured SPI device on {@code pi4j} (linuxfs on a terminal, the mock provider in tests).
     * SPI mode 3 (clock idles high, data read on the rising edge), as the ST7920's serial interface expects.
     */
    public static LcdSink open(Context pi4j, ResidentConfig.Lcd config, Scheduler scheduler) {
        Spi spi = pi4j.create(Spi.newConfigBuilder(pi4j).id("lcd").name("ST7920 LCD")
                .bus(SpiBus.getByNumber(config.spiBus())).chipSelect(SpiChipSelect.getByNumber(config.chipSelect()))
                .mode(SpiMode.MODE_3).baud(config.clockHz()).build());
        return new LcdSink(spi, scheduler);
    }

    @Override
    public void show(ResidentView view) {
        lcd.show(LcdText.rows(view));
    }

    /** True while a screen is still being clocked out. */
    public boolean busy() {
        return lcd.busy();
    }

    @Override
    public void close() {
        spi.close();
    }
}
