package dev.arf.core.governance;

import java.util.List;

/**
 * The maintenance windows in force. Implementations read wherever they are kept; one that cannot be
 * read throws, and the Guardian refuses (it cannot tell whether people are working on the target).
 */
@FunctionalInterface
public interface MaintenanceCalendar {
    List<MaintenanceWindow> windows();

    MaintenanceCalendar NONE = List::of;
}
