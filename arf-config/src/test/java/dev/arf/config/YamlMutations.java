package dev.arf.config;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Seeded damage to a valid YAML file: the inputs of the loaders' mutation tests. */
final class YamlMutations {
    private YamlMutations() {}

    /**
     * One to four edits (delete, duplicate or replace a run of characters with ones from {@code
     * alphabet}), and one time in twenty a random byte so the file is sometimes not UTF-8.
     */
    static byte[] mutate(String valid, long seed, String alphabet) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(valid);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !text.isEmpty(); e++) {
            int at = random.nextInt(text.length());
            int len = Math.min(text.length() - at, 1 + random.nextInt(12));
            switch (random.nextInt(3)) {
                case 0 -> text.delete(at, at + len);
                case 1 -> text.insert(at, text.substring(at, at + len));
                default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(20) == 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
