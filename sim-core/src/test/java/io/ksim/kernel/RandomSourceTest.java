package io.ksim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Per-component random streams: a pure function of (seed, component name). */
class RandomSourceTest {

    private static long[] draw(SplittableRandom r, int n) {
        return LongStream.generate(r::nextLong).limit(n).toArray();
    }

    @Test
    void sameSeedAndNameGiveTheSameSequence() {
        long[] a = draw(new RandomSource(42).forComponent("scheduler"), 20);
        long[] b = draw(Kernel.builder().seed(42).build().random("scheduler"), 20);

        assertEquals(LongStream.of(a).boxed().toList(), LongStream.of(b).boxed().toList());
    }

    @Test
    void askingAgainContinuesTheSequence() {
        RandomSource source = new RandomSource(42);
        SplittableRandom first = source.forComponent("scheduler");
        long[] firstTen = draw(first, 10);

        SplittableRandom again = source.forComponent("scheduler");

        assertSame(first, again);
        long[] reference = draw(new RandomSource(42).forComponent("scheduler"), 20);
        assertEquals(reference[10], again.nextLong(), "the second caller continues, not restarts");
        assertEquals(reference[0], firstTen[0]);
    }

    @Test
    void otherComponentsDoNotChangeAComponentsDraws() {
        long[] alone = draw(new RandomSource(7).forComponent("scheduler"), 50);

        RandomSource busy = new RandomSource(7);
        draw(busy.forComponent("kube-proxy/node-1"), 1000);   // asked for first, and drawn from heavily
        busy.forComponent("controller-manager");             // merely created
        SplittableRandom scheduler = busy.forComponent("scheduler");
        long[] interleaved = new long[50];
        for (int i = 0; i < 50; i++) {
            interleaved[i] = scheduler.nextLong();
            busy.forComponent("kubelet/node-" + i).nextInt();  // new components appear between draws
        }

        assertEquals(LongStream.of(alone).boxed().toList(), LongStream.of(interleaved).boxed().toList());
    }

    @Test
    void differentNamesAndSeedsGiveDifferentStreams() {
        long scheduler = new RandomSource(7).forComponent("scheduler").nextLong();

        assertNotEquals(scheduler, new RandomSource(7).forComponent("scheduler2").nextLong());
        assertNotEquals(scheduler, new RandomSource(8).forComponent("scheduler").nextLong());
        assertNotEquals(RandomSource.componentSeed(7, "a"), RandomSource.componentSeed(7, "b"));
    }

    @Test
    void componentSeedIsStable() {
        assertEquals(RandomSource.componentSeed(42, "etcd/lessor"), RandomSource.componentSeed(42, "etcd/lessor"));
        assertEquals(42, new RandomSource(42).seed());
        assertEquals(42, Kernel.builder().seed(42).build().seed());
    }
}
