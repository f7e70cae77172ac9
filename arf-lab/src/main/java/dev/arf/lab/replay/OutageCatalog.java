package dev.arf.lab.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The public outages of seed 000 §2.2 as data files in this module's resources ({@code
 * outages/<id>.json}, listed in {@code outages/index.txt}), read with the same {@link
 * TimelineReader} as a user's own timeline.
 */
public final class OutageCatalog {
    private static final String DIR = "/outages/";

    private OutageCatalog() {}

    /** AWS S3 2017, GitHub 2018, CrowdStrike 2024, Cloudflare 2019, Facebook 2019, in that order. */
    public static List<OutageTimeline> all() {
        List<OutageTimeline> outages = new ArrayList<>();
        for (String id : text(DIR + "index.txt").lines().map(String::strip).toList()) {
            if (!id.isEmpty() && !id.startsWith("#")) {
                outages.add(load(id));
            }
        }
        return List.copyOf(outages);
    }

    public static Optional<OutageTimeline> byId(String id) {
        return all().stream().filter(o -> o.id().equals(id)).findFirst();
    }

    private static OutageTimeline load(String id) {
        String name = id + ".json";
        return new TimelineReader().read(text(DIR + name).getBytes(StandardCharsets.UTF_8), name);
    }

    private static String text(String resource) {
        try (InputStream in = OutageCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
