/**
 * The taint eviction controller (upstream pkg/controller/tainteviction): deletes pods from nodes with NoExecute
 * taints they do not tolerate, or tolerate only for a while.
 */
package io.ksim.controller.tainteviction;
