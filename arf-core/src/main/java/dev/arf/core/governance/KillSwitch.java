package dev.arf.core.governance;

/**
 * The global stop for automation. Implementations read wherever the switch lives (a file, the store);
 * if they cannot tell, they throw, and the Guardian treats that as engaged: the switch fails closed.
 */
@FunctionalInterface
public interface KillSwitch {
    boolean engaged();

    KillSwitch NEVER = () -> false;
}
