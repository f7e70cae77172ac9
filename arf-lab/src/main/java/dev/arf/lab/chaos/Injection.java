package dev.arf.lab.chaos;

import dev.arf.core.sim.Fault;
import dev.arf.core.sim.Fleet;
import dev.arf.core.sim.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An experiment's fault made concrete on a fleet: which instances it hits (the blast radius resolved
 * against {@link Fleet#instances} at injection time, instances picked with the seed) and the
 * simulator faults that do it, one per service.
 *
 * <p>Per kind: latency and error injection hit the picked share of a service's instances; a CPU hog
 * on a share {@code s} of instances is modelled as {@code s} times its CPU on every instance (the
 * simulator balances load over instances), a memory hog likewise; killed instances stay down while
 * the fault lasts; a partition and a dependency failure take the whole service.
 */
record Injection(List<String> instances, Map<String, Double> shares, List<Fault> faults) {

    static Injection resolve(ChaosExperiment experiment, Fleet fleet, List<ServiceSpec> specs, long seed) {
        Map<String, List<Fleet.Instance>> hit = new LinkedHashMap<>();
        switch (experiment.blastRadius()) {
            case BlastRadius.Instances i -> {
                List<Fleet.Instance> all = new ArrayList<>(fleet.instances(i.service()));
                SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
                for (int k = all.size() - 1; k > 0; k--) {
                    int j = random.nextInt(k + 1);
                    Fleet.Instance t = all.get(k);
                    all.set(k, all.get(j));
                    all.set(j, t);
                }
                List<Fleet.Instance> picked = new ArrayList<>(all.subList(0, Math.min(i.count(), all.size())));
                picked.sort(java.util.Comparator.comparing(Fleet.Instance::id));
                hit.put(i.service(), picked);
            }
            case BlastRadius.Service s -> hit.put(s.service(), fleet.instances(s.service()));
            case BlastRadius.Zone z -> {
                for (String service : z.services().isEmpty() ? fleet.services() : z.services()) {
                    List<Fleet.Instance> inZone = fleet.instances(service).stream()
                            .filter(in -> in.zone().equals(z.zone()))
                            .toList();
                    if (!inZone.isEmpty()) {
                        hit.put(service, inZone);
                    }
                }
            }
        }
        List<String> ids = new ArrayList<>();
        Map<String, Double> shares = new LinkedHashMap<>();
        List<Fault> faults = new ArrayList<>();
        for (Map.Entry<String, List<Fleet.Instance>> e : hit.entrySet()) {
            String service = e.getKey();
            List<String> serviceIds =
                    e.getValue().stream().map(Fleet.Instance::id).toList();
            ids.addAll(serviceIds);
            double share = (double) serviceIds.size() / fleet.instances(service).size();
            shares.put(service, share);
            faults.add(fault(experiment.fault(), service, serviceIds, share));
        }
        return new Injection(ids, shares, faults);
    }

    private static Fault fault(FaultSpec spec, String service, List<String> ids, double share) {
        return switch (spec) {
            case FaultSpec.LatencyInjection l ->
                new Fault.LatencyInjection(service, l.latency().toMillis(), share);
            case FaultSpec.ErrorInjection e -> new Fault.ErrorInjection(service, e.errorRate(), share);
            case FaultSpec.ResourceExhaustion r ->
                r.resource() == FaultSpec.ResourceExhaustion.Resource.CPU
                        ? new Fault.CpuSaturation(service, r.amount() * share)
                        : new Fault.MemoryPressure(service, r.amount() * share);
            case FaultSpec.InstanceKill k -> new Fault.InstanceKill(service, ids);
            case FaultSpec.NetworkPartition p -> new Fault.NetworkPartition(service);
            case FaultSpec.DependencyFailure d -> new Fault.DependencyFailure(service);
        };
    }

    Set<String> services() {
        return shares.keySet();
    }
}
