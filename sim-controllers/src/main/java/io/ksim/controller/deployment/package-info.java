/**
 * The Deployment controller (upstream pkg/controller/deployment): {@link
 * io.ksim.controller.deployment.DeploymentUtil} and {@link io.ksim.controller.deployment.Rollout} hold the
 * arithmetic as pure functions, tested against upstream's unit-test vectors; {@link
 * io.ksim.controller.deployment.DeploymentController} and its per-sync {@code DeploymentSync} apply it
 * through the API server. {@link io.ksim.controller.deployment.RolloutCommands} is what kubectl rollout
 * writes.
 */
package io.ksim.controller.deployment;
