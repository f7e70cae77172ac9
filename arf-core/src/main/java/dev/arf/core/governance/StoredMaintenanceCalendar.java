package dev.arf.core.governance;

import dev.arf.core.store.ReliabilityStore;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Maintenance windows kept as a setting in the store, so {@code arf governance maintenance add} in
 * one process pauses the automation of another. A line that cannot be read fails loudly: a window
 * silently forgotten would let ARF act while people work.
 */
public final class StoredMaintenanceCalendar implements MaintenanceCalendar {
    public static final String SETTING = "maintenance_windows";

    private final ReliabilityStore store;

    public StoredMaintenanceCalendar(ReliabilityStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public List<MaintenanceWindow> windows() {
        List<MaintenanceWindow> windows = new ArrayList<>();
        int lineNumber = 0;
        for (String line : store.setting(SETTING).orElse("").split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                windows.add(parse(line.split(" ")));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "stored maintenance windows are corrupt at line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return windows;
    }

    /**
     * Adds a window, replacing one with the same id.
     *
     * @param at when the change is made, for the setting's timestamp
     */
    public synchronized void put(MaintenanceWindow window, Instant at) {
        List<MaintenanceWindow> windows = new ArrayList<>(windows());
        windows.removeIf(w -> w.id().equals(window.id()));
        windows.add(window);
        save(windows, at);
    }

    /** Removes the window with this id; false if there was none. */
    public synchronized boolean remove(String id, Instant at) {
        List<MaintenanceWindow> windows = new ArrayList<>(windows());
        boolean removed = windows.removeIf(w -> w.id().equals(id));
        if (removed) {
            save(windows, at);
        }
        return removed;
    }

    private void save(List<MaintenanceWindow> windows, Instant at) {
        store.saveSetting(
                SETTING, windows.stream().map(StoredMaintenanceCalendar::format).collect(Collectors.joining("\n")), at);
    }

    private static String format(MaintenanceWindow window) {
        return switch (window) {
            case MaintenanceWindow.OneOff o ->
                String.join(
                        " ",
                        "O",
                        enc(o.id()),
                        enc(o.scope()),
                        enc(o.reason()),
                        Long.toString(o.from().toEpochMilli()),
                        Long.toString(o.until().toEpochMilli()));
            case MaintenanceWindow.Weekly w ->
                String.join(
                        " ",
                        "W",
                        enc(w.id()),
                        enc(w.scope()),
                        enc(w.reason()),
                        w.days().stream().map(DayOfWeek::name).sorted().collect(Collectors.joining(",")),
                        w.start().toString(),
                        w.length().toString(),
                        w.zone().getId());
        };
    }

    private static MaintenanceWindow parse(String[] f) {
        return switch (f[0]) {
            case "O" ->
                new MaintenanceWindow.OneOff(
                        dec(f[1]),
                        dec(f[2]),
                        dec(f[3]),
                        Instant.ofEpochMilli(Long.parseLong(f[4])),
                        Instant.ofEpochMilli(Long.parseLong(f[5])));
            case "W" ->
                new MaintenanceWindow.Weekly(
                        dec(f[1]),
                        dec(f[2]),
                        dec(f[3]),
                        Arrays.stream(f[4].split(",")).map(DayOfWeek::valueOf).collect(Collectors.toSet()),
                        LocalTime.parse(f[5]),
                        Duration.parse(f[6]),
                        ZoneId.of(f[7]));
            default -> throw new IllegalArgumentException("unknown window kind " + f[0]);
        };
    }

    private static String enc(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String dec(String s) {
        return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
