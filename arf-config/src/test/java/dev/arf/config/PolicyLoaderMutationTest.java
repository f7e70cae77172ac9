package dev.arf.config;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded property: any mutation of a valid file either still loads or is explained. */
class PolicyLoaderMutationTest {
    private static final String ALPHABET = " \n\t-:#&*![]{},'\"|>%@`\\0123456789.eE+abcxyz_\u00e9\u0000";

    @Test
    void everyMutationOfAValidFileLoadsOrIsExplained() {
        PolicyLoader loader = new PolicyLoader();
        String valid = PolicyLoaderTest.validFile();
        for (long seed = 1; seed <= 1500; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder(valid);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && !text.isEmpty(); e++) {
                int at = random.nextInt(text.length());
                int len = Math.min(text.length() - at, 1 + random.nextInt(12));
                switch (random.nextInt(3)) {
                    case 0 -> text.delete(at, at + len);
                    case 1 -> text.insert(at, text.substring(at, at + len));
                    default -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(20) == 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256); // sometimes not UTF-8
            }
            LoadOutcome.assertLoadsOrIsExplained(loader, bytes);
        }
    }
}
