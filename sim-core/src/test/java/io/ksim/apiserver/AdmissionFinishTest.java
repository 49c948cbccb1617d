package io.ksim.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.meta.KubeObject;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The finish hook of admission plugins: told whether storage wrote what they admitted, so a plugin that
 * reserves something (as Service allocation does) can commit or give it back.
 */
class AdmissionFinishTest {

    private final Kernel kernel = Kernel.builder().seed(3).build();
    private final ApiServer api = new ApiServer(kernel, MvccStore.builder(kernel).build());
    private final List<String> seen = new ArrayList<>();

    AdmissionFinishTest() {
        api.register(Widget.TYPE);
        api.addAdmissionPlugin(recorder("first", false));
        api.addAdmissionPlugin(recorder("second", false));
    }

    private AdmissionPlugin recorder(String name, boolean refuseCreate) {
        return new AdmissionPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public <T extends KubeObject> T admit(Operation op, ResourceType<T> type, String ns, String n, T obj, T old) {
                seen.add(name + " admit " + op);
                if (refuseCreate && op == Operation.CREATE) {
                    throw ApiErrors.badRequest("refused by " + name);
                }
                return obj;
            }

            @Override
            public <T extends KubeObject> void finish(Operation op, ResourceType<T> type, T admitted, T old,
                    boolean stored) {
                seen.add(name + " finish " + op + " " + stored);
            }
        };
    }

    @Test
    void storedWritesAreReportedInReverseOrder() {
        api.create(Widget.TYPE, "default", Widget.named("a", 1));
        assertEquals(List.of("first admit CREATE", "second admit CREATE", "second finish CREATE true",
                "first finish CREATE true"), seen);
    }

    @Test
    void aWriteStorageRefusesIsReportedAsNotStored() {
        api.create(Widget.TYPE, "default", Widget.named("a", 1));
        seen.clear();
        assertThrows(ApiException.class, () -> api.create(Widget.TYPE, "default", Widget.named("a", 2)));
        assertEquals(List.of("first admit CREATE", "second admit CREATE", "second finish CREATE false",
                "first finish CREATE false"), seen);
    }

    @Test
    void aLaterPluginsRefusalIsReportedToTheEarlierOnes() {
        api.addAdmissionPlugin(recorder("third", true));
        assertThrows(ApiException.class, () -> api.create(Widget.TYPE, "default", Widget.named("a", 1)));
        assertEquals(List.of("first admit CREATE", "second admit CREATE", "third admit CREATE",
                "second finish CREATE false", "first finish CREATE false"), seen);
    }

    @Test
    void deletesReportWhetherTheObjectIsGone() {
        api.create(Widget.TYPE, "default", Widget.named("a", 1));
        seen.clear();
        api.delete(Widget.TYPE, "default", "a", DeleteOptions.defaults());
        assertEquals(List.of("first admit DELETE", "second admit DELETE", "second finish DELETE true",
                "first finish DELETE true"), seen);
        Widget held = Widget.named("b", 1);
        api.create(Widget.TYPE, "default", held.withMetadata(held.metadata().toBuilder()
                .finalizers(List.of("example.com/hold")).build()));
        seen.clear();
        api.delete(Widget.TYPE, "default", "b", DeleteOptions.defaults());
        assertEquals(List.of("first admit DELETE", "second admit DELETE", "second finish DELETE false",
                "first finish DELETE false"), seen, "only marked for deletion");
    }
}
