/**
 * The resource quota controller (upstream pkg/controller/resourcequota): ResourceQuota status, kept from the
 * objects of each namespace.
 */
package io.ksim.controller.resourcequota;
