/** The ReplicaSet controller (upstream pkg/controller/replicaset). */
package io.ksim.controller.replicaset;
