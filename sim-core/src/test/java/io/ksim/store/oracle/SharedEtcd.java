package io.ksim.store.oracle;

/**
 * One etcd for a whole property run: started on first use, stopped by the property's container
 * lifecycle or, failing that, by a JVM shutdown hook. Restarting etcd for each of hundreds of tries would
 * cost seconds apiece.
 */
final class SharedEtcd {

    private static EtcdServer server;
    private static EtcdGatewayClient client;
    private static AssertionError startFailure;
    private static boolean stopped;

    private SharedEtcd() {
    }

    static synchronized EtcdGatewayClient client() {
        if (stopped) {
            // jqwik lets a shrinking that ran out of time go on in the background after the property ended;
            // starting a new etcd for it would leave one running past the JVM's shutdown hooks.
            throw new AssertionError("the shared etcd has been stopped");
        }
        if (startFailure != null) {
            // Fail every try at once instead of waiting for a start-up timeout again.
            throw new AssertionError(startFailure.getMessage(), startFailure);
        }
        if (server == null) {
            Runtime.getRuntime().addShutdownHook(new Thread(SharedEtcd::stop, "stop-etcd-oracle"));
            try {
                server = EtcdServer.start();
            } catch (AssertionError e) {
                startFailure = e;
                throw e;
            }
            client = server.client();
        }
        return client;
    }

    /** Stops etcd for good: later tries in this JVM fail instead of starting another one. */
    static synchronized void stop() {
        stopped = true;
        if (server != null) {
            server.close();
            server = null;
            client = null;
        }
    }
}
