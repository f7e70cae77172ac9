package dev.arf.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A local command ARF keeps running under a name, the target name actions use.
 *
 * @param name letters, digits, {@code .}, {@code _} and {@code -} (it also names the command's log file)
 * @param command the program and its arguments, run without a shell (use {@code sh -c …} for one)
 * @param workingDir where it runs; null for ARF's own working directory
 */
public record SupervisedCommand(String name, List<String> command, Path workingDir) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public SupervisedCommand {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "command name must be letters, digits, '.', '_' or '-' (starting with a letter or digit), was '"
                            + name + "'");
        }
        command = List.copyOf(command);
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("command " + name + " names no program");
        }
    }

    public SupervisedCommand(String name, List<String> command) {
        this(name, command, null);
    }
}
