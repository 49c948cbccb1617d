package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Taint;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaintCommandTest {

    private final MutateFixture f = new MutateFixture();

    private List<String> taints(String node) {
        List<Taint> t = f.cluster.api().get(BuiltinResources.NODES, null, node).spec().taints();
        return t == null ? List.of() : t.stream().map(x -> x.key() + "=" + (x.value() == null ? "" : x.value()) + ":"
                + x.effect()).toList();
    }

    @Test
    void addsOverwritesAndRemovesTaints() {
        assertEquals("node/node-1 tainted\n", f.ok("taint nodes node-1 dedicated=gpu:NoSchedule"));
        assertEquals(List.of("dedicated=gpu:NoSchedule"), taints("node-1"));
        assertEquals("error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n",
                f.fails("taint node node-1 dedicated=ml:NoSchedule"));
        assertEquals("node/node-1 modified\n", f.ok("taint node node-1 dedicated=ml:NoSchedule --overwrite"));
        assertEquals(List.of("dedicated=ml:NoSchedule"), taints("node-1"));
        assertEquals("node/node-1 tainted\n", f.ok("taint no node-1 dedicated:NoExecute"));
        assertEquals("node/node-1 untainted\n", f.ok("taint nodes node-1 dedicated:NoSchedule-"));
        assertEquals(List.of("dedicated=:NoExecute"), taints("node-1"));
        assertEquals("node/node-1 untainted\n", f.ok("taint nodes node-1 dedicated-"));
        assertEquals(List.of(), taints("node-1"));
        assertEquals("error: taint \"dedicated\" not found\n", f.fails("taint nodes node-1 dedicated-"));
        assertEquals("error: taint \"dedicated:NoSchedule\" not found\n", f.fails("taint nodes node-1 dedicated:NoSchedule-"));
    }

    @Test
    void allAndSelectorTaintEveryNode() {
        String out = f.ok("taint nodes --all maintenance=true:PreferNoSchedule");
        assertEquals("node/node-1 tainted\nnode/node-2 tainted\nnode/node-3 tainted\n", out);
        assertEquals("node/node-2 untainted\n", f.ok("taint nodes -l kubernetes.io/hostname=node-2 maintenance-"));
        assertEquals(List.of(), taints("node-2"));
        assertEquals(List.of("maintenance=true:PreferNoSchedule"), taints("node-3"));
    }

    @Test
    void validationErrorsAreKubectls() {
        assertEquals("error: at least one taint update is required\n", f.fails("taint nodes node-1"));
        assertEquals("error: one or more resources must be specified as <resource> <name>\n", f.fails("taint a=b:NoSchedule"));
        assertEquals("error: invalid taint effect: Foo, unsupported taint effect\n"
                + "See 'kubectl taint -h' for help and examples\n", f.fails("taint nodes node-1 a=b:Foo"));
        assertEquals("error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', "
                + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
                + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n"
                + "See 'kubectl taint -h' for help and examples\n", f.fails("taint nodes node-1 a=b"));
        assertEquals("error: invalid taint effect: , unsupported taint effect\n"
                + "See 'kubectl taint -h' for help and examples\n", f.fails("taint nodes node-1 a:"));
        assertEquals("error: invalid taint spec: a=b=c:NoSchedule\n" + "See 'kubectl taint -h' for help and examples\n",
                f.fails("taint nodes node-1 a=b=c:NoSchedule"));
        assertEquals("error: invalid resource type pods, only node types are supported\n",
                f.fails("taint pods x a=b:NoSchedule"));
        assertEquals("error: at least one resource name must be specified since 'all' parameter is not set\n",
                f.fails("taint nodes a=b:NoSchedule"));
        assertEquals("error: can not both modify and remove the following taint(s) in the same command: a=NoSchedule\n",
                f.fails("taint nodes node-1 a=b:NoSchedule a:NoSchedule-"));
        assertEquals("Error from server (NotFound): nodes \"node-9\" not found\n", f.fails("taint nodes node-9 a=b:NoSchedule"));
    }
}
