package io.ksim.store.oracle;

import io.ksim.store.MvccStore;
import io.ksim.store.oracle.Scripts.Script;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The store model against real etcd 3.4: random scripts of puts, deletes, ranges, txns, compactions,
 * watches and leases run against a fresh {@link MvccStore} and a real etcd, and every answer must match
 * (revisions, kvs, counts, prev_kvs, txn branches, errors with code and message, watch event streams).
 *
 * <p>Only what etcd itself leaves open is normalised: the order of kvs with equal sort values (Go's unstable
 * sort), the order of a lease's keys (Go map order), a lease's remaining TTL (etcd's clock runs), and how
 * watch events are batched into messages. Timing races of the real server are waited out, not ignored (see
 * {@link DifferentialRun}).
 *
 * <p>One etcd serves all tries (see {@link RevisionMap} for why that is sound); 200 tries of 50-80 steps take
 * about 1.5 minutes on two cores, a third of it waiting for etcd's watch progress notifications. Needs Debian's
 * etcd-server ({@code .ci/run} installs it); without it the property fails.
 */
class EtcdDifferentialProperties {

    /**
     * Edge cases are off: jqwik's edge cases are scripts of one or two steps, while every try is meant to
     * be a 50-80 step script (shrinking still goes below 50).
     */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void modelAnswersLikeEtcd(@ForAll("scripts") Script script) {
        new DifferentialRun(SharedEtcd.client()).run(script.ops());
    }

    @Provide
    Arbitrary<Script> scripts() {
        return Scripts.scripts();
    }

    @AfterContainer
    static void stopEtcd() {
        SharedEtcd.stop();
    }
}
