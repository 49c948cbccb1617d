/**
 * kube-controller-manager on the simulation kernel: the controller framework (a {@link
 * io.ksim.controller.Controller} is informers, a rate-limited work queue and a level-triggered
 * reconcile; the {@link io.ksim.controller.ControllerManager} starts, stops, crashes and restarts them)
 * and the helpers upstream's controllers share (expectations, adoption and release, pod creation and
 * deletion with events, the deletion ranking, the template hash, slow-start batches).
 *
 * <p>Controllers read only their informers' caches and write only through the API server, as the real
 * ones do; they never see another component's objects in memory.
 */
package io.ksim.controller;
