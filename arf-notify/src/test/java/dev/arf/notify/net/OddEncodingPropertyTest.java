package dev.arf.notify.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded property: an address in a forbidden IPv4 block is refused however it is written — canonical,
 * decimal, octal, hex, shortened, mixed, IPv4-mapped/-compatible IPv6, NAT64 or 6to4 — and a public
 * address written canonically is allowed. 5,000 cases per run, the same every run.
 */
class OddEncodingPropertyTest {
    private static final List<String> FORBIDDEN_BLOCKS = List.of(
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "224.0.0.0/4",
            "240.0.0.0/4");
    private static final List<String> PUBLIC_BLOCKS =
            List.of("8.0.0.0/8", "93.184.0.0/16", "151.101.0.0/16", "140.82.112.0/20");

    private final UrlGuard guard = new UrlGuard(AllowList.none(), new FakeDns());

    @Test
    void aForbiddenAddressIsRefusedHoweverItIsWritten() {
        Random random = new Random(20261123L);
        for (int i = 0; i < 5_000; i++) {
            long address = inBlock(random, FORBIDDEN_BLOCKS.get(random.nextInt(FORBIDDEN_BLOCKS.size())));
            String host = encode(random, address);
            String url = (random.nextBoolean() ? "http://" : "https://") + host
                    + (random.nextBoolean() ? ":" + (1 + random.nextInt(65535)) : "") + "/x";

            assertThat(guard.check(url).allowed()).as(url).isFalse();
        }
    }

    @Test
    void aPublicAddressWrittenCanonicallyIsAllowed() {
        Random random = new Random(7L);
        for (int i = 0; i < 1_000; i++) {
            long address = inBlock(random, PUBLIC_BLOCKS.get(random.nextInt(PUBLIC_BLOCKS.size())));
            String url = "https://" + dotted(address) + "/hook";

            assertThat(guard.check(url).allowed()).as(url).isTrue();
        }
    }

    private static long inBlock(Random random, String cidr) {
        Cidr block = Cidr.parse(cidr);
        long base = toLong(block.network());
        long size = 1L << (32 - block.prefix());
        return base + (long) (random.nextDouble() * size);
    }

    private static long toLong(byte[] b) {
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    private static String dotted(long a) {
        return (a >> 24 & 0xff) + "." + (a >> 16 & 0xff) + "." + (a >> 8 & 0xff) + "." + (a & 0xff);
    }

    private static String part(Random random, long value) {
        return switch (random.nextInt(3)) {
            case 0 -> Long.toString(value);
            case 1 -> "0" + Long.toOctalString(value);
            default -> (random.nextBoolean() ? "0x" : "0X") + Long.toHexString(value);
        };
    }

    private static String encode(Random random, long a) {
        long b0 = a >> 24 & 0xff;
        long b1 = a >> 16 & 0xff;
        long b2 = a >> 8 & 0xff;
        long b3 = a & 0xff;
        String hex6 = Long.toHexString(a >> 16) + ":" + Long.toHexString(a & 0xffff);
        return switch (random.nextInt(10)) {
            case 0 -> dotted(a);
            case 1 -> part(random, a);
            case 2 -> part(random, b0) + "." + part(random, b1) + "." + part(random, b2) + "." + part(random, b3);
            case 3 -> part(random, b0) + "." + part(random, a & 0xffffff);
            case 4 -> part(random, b0) + "." + part(random, b1) + "." + part(random, a & 0xffff);
            case 5 -> "[::ffff:" + hex6 + "]";
            case 6 -> "[::ffff:" + dotted(a) + "]";
            case 7 -> "[::" + hex6 + "]";
            case 8 -> "[64:ff9b::" + hex6 + "]";
            default -> "[2002:" + hex6 + "::1]";
        };
    }
}
