package io.ksim.controller;

import io.ksim.kernel.Fault;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * kube-controller-manager: a named set of controllers it starts, stops, crashes and restarts. A controller
 * is registered as a factory, because a restart is a new instance: fresh informers that list again, an
 * empty work queue, no expectations, as when the real process comes back. Controllers start in
 * registration order.
 */
public final class ControllerManager {

    private final ControllerContext context;
    private final Map<String, Function<ControllerContext, ? extends Controller>> factories = new LinkedHashMap<>();
    private final Map<String, Controller> running = new LinkedHashMap<>();

    public ControllerManager(ControllerContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public ControllerContext context() {
        return context;
    }

    /** Registers a controller under its upstream name, e.g. "replicaset-controller". */
    public ControllerManager register(String name, Function<ControllerContext, ? extends Controller> factory) {
        if (factories.putIfAbsent(name, Objects.requireNonNull(factory, "factory")) != null) {
            throw new IllegalArgumentException("controller " + name + " is already registered");
        }
        return this;
    }

    /** Starts every registered controller that is not running. */
    public void startAll() {
        factories.keySet().forEach(this::start);
    }

    /** Starts a new instance of {@code name} unless one runs. */
    public Controller start(String name) {
        Controller current = running.get(name);
        if (current != null && current.isRunning()) {
            return current;
        }
        Function<ControllerContext, ? extends Controller> factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("no controller " + name);
        }
        Controller controller = factory.apply(context);
        running.put(name, controller);
        controller.start();
        return controller;
    }

    public void stop(String name) {
        Controller c = running.remove(name);
        if (c != null) {
            c.stop(false);
        }
    }

    /** The controller dies at once; its caches and expectations are lost. */
    public void crash(String name) {
        Controller c = running.remove(name);
        if (c != null) {
            c.stop(true);
        }
    }

    /** Crash-free restart: stop, then a new instance that relists and converges. */
    public Controller restart(String name) {
        stop(name);
        return start(name);
    }

    public void stopAll() {
        for (String name : running.keySet().toArray(String[]::new)) {
            stop(name);
        }
    }

    /** The running instance of {@code name}, or null. */
    public Controller controller(String name) {
        return running.get(name);
    }

    public Map<String, Controller> controllers() {
        return Collections.unmodifiableMap(running);
    }

    /** A fault that crashes {@code name}, for {@code kernel.injectFault}. */
    public Fault crashFault(String name) {
        return Fault.of(name, "controller crashes and loses its caches", () -> crash(name));
    }

    /** A fault that starts {@code name} again (it relists). */
    public Fault startFault(String name) {
        return Fault.of(name, "controller starts and lists everything again", () -> start(name));
    }
}
