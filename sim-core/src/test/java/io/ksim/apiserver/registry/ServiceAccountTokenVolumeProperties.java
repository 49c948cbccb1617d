package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.core.Volume;
import io.ksim.api.core.VolumeMount;
import io.ksim.apiserver.NameGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Invariants of the projected token volume the ServiceAccount admission plugin mounts. */
class ServiceAccountTokenVolumeProperties {

    private static final String PATH = ServiceAccountTokenVolume.MOUNT_PATH;

    private static List<Container> containers(String prefix, List<Boolean> ownMount) {
        List<Container> out = new ArrayList<>();
        for (int i = 0; i < ownMount.size(); i++) {
            Container.Builder b = Container.builder().name(prefix + i).image("nginx:1.25");
            if (ownMount.get(i)) {
                b.volumeMounts(List.of(VolumeMount.of("own", PATH)));
            }
            out.add(b.build());
        }
        return out;
    }

    /** Every container ends with exactly one mount at the path; the volume is added only if some container needs it. */
    @Property
    void everyContainerMountsTheTokenOnce(@ForAll @Size(max = 3) List<Boolean> initOwn,
            @ForAll @Size(min = 1, max = 4) List<Boolean> own, @ForAll long seed) {
        PodSpec spec = PodSpec.builder().volumes(List.of(Volume.emptyDir("own")))
                .initContainers(containers("init", initOwn)).containers(containers("c", own)).build();
        PodSpec out = ServiceAccountTokenVolume.mount(spec, new NameGenerator(new SplittableRandom(seed)));
        List<Container> all = new ArrayList<>(out.initContainers());
        all.addAll(out.containers());
        for (Container c : all) {
            assertEquals(1, c.volumeMounts().stream().filter(m -> PATH.equals(m.mountPath())).count(), c.name());
        }
        boolean needed = initOwn.contains(false) || own.contains(false);
        assertEquals(needed ? 2 : 1, out.volumes().size());
        if (needed) {
            String name = out.volumes().get(1).name();
            assertTrue(name.matches("kube-api-access-[" + NameGenerator.ALPHANUMS + "]{5}"), name);
            assertTrue(all.stream().flatMap(c -> c.volumeMounts().stream())
                    .allMatch(m -> m.name().equals("own") || m.name().equals(name)));
        }
    }
}
