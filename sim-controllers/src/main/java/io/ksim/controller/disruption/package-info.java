/**
 * The disruption controller (upstream pkg/controller/disruption): keeps PodDisruptionBudget status, which the
 * eviction subresource consults.
 */
package io.ksim.controller.disruption;
