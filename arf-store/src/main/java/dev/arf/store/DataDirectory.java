package dev.arf.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An embedded store's data directory, held exclusively while the store is open: an OS file lock on
 * {@code arf.lock} keeps a second ARF process (or a second store in this JVM, which H2 alone would
 * let share the files) from opening it. The OS releases the lock if the process dies.
 */
final class DataDirectory implements AutoCloseable {
    static final String LOCK_FILE = "arf.lock";

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectory acquire(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + path + ": " + describe(e), e);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot write to data directory " + path + ": " + describe(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock data directory " + path + ": " + describe(e), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw inUse(path);
        }
        return new DataDirectory(path, channel, lock);
    }

    static StoreException inUse(Path path) {
        return new StoreException("data directory " + path + " is in use by another ARF process"
                + " (stop it, or give this one another data directory)");
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // The channel's close below releases it as well.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + " " + e.getMessage();
    }
}
