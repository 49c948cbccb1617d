/**
 * The pod garbage collector (upstream pkg/controller/podgc): force-deletes pods no kubelet will ever finish.
 */
package io.ksim.controller.podgc;
