package io.ringmaster.builtin.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** One entry of {@code results}: a job and what it measured. */
record Row(Job job, Measurement m) {

    Map<String, Object> toMap(String bestMode) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("disk", job.disk().name());
        r.put("path", job.facts().path());
        r.put("tool", job.tool().command());
        r.put("mode", job.mode().id());
        r.put("iops", round(m.iops(), 0));
        r.put("mib_per_s", round(m.mibPerS(), 1));
        r.put("seconds", round(m.seconds(), 3));
        r.put("ops", m.ops());
        m.latency()
                .ifPresent(
                        l -> {
                            r.put("lat_p50_us", round(l.p50(), 1));
                            r.put("lat_p99_us", round(l.p99(), 1));
                            r.put("lat_p999_us", round(l.p999(), 1));
                        });
        job.disk().configuredMode().ifPresent(c -> r.put("configured_mode", c));
        if (job.facts().sparse()) {
            r.put("sparse", true);
        }
        r.put("best_mode", bestMode);
        return r;
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
