/**
 * The node lifecycle controller (upstream pkg/controller/nodelifecycle): node health from heartbeats and
 * Leases, the Unknown conditions, the condition and cordon taints, and the per-zone rate-limited NoExecute
 * tainting that drives taint-based eviction.
 */
package io.ksim.controller.nodelifecycle;
