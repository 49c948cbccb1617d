package io.ksim.api.core;

import io.ksim.api.meta.PatchStrategy;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.resource.Quantity;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The observed state of one container (core/v1 ContainerStatus). {@code ready} and {@code restartCount} are
 * always printed, and {@code image} and {@code imageID} whenever set, even empty, as upstream prints them;
 * {@code state} and {@code lastState} are never absent (an unknown state is an empty {@link ContainerState}).
 */
public record ContainerStatus(String name, ContainerState state, ContainerState lastState, boolean ready,
        int restartCount, @JsonInclude(JsonInclude.Include.NON_NULL) String image,
        @JsonInclude(JsonInclude.Include.NON_NULL) String imageID, String containerID, Boolean started,
        SortedMap<String, Quantity> allocatedResources, ResourceRequirements resources,
        @PatchStrategy(mergeKey = "mountPath") List<VolumeMountStatus> volumeMounts, ContainerUser user, @PatchStrategy(mergeKey = "name") List<ResourceStatus> allocatedResourcesStatus) {

    public ContainerStatus {
        state = state == null ? ContainerState.NONE : state;
        lastState = lastState == null ? ContainerState.NONE : lastState;
        allocatedResources = allocatedResources == null
                ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(allocatedResources);
        volumeMounts = volumeMounts == null ? List.of() : List.copyOf(volumeMounts);
        allocatedResourcesStatus = allocatedResourcesStatus == null ? List.of() : List.copyOf(allocatedResourcesStatus);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link ContainerStatus}; unset fields stay absent. */
    public static final class Builder {
        private String name;
        private ContainerState state;
        private ContainerState lastState;
        private boolean ready;
        private int restartCount;
        private String image;
        private String imageID;
        private String containerID;
        private Boolean started;
        private SortedMap<String, Quantity> allocatedResources;
        private ResourceRequirements resources;
        private List<VolumeMountStatus> volumeMounts;
        private ContainerUser user;
        private List<ResourceStatus> allocatedResourcesStatus;

        private Builder() {
        }

        private Builder(ContainerStatus o) {
            name = o.name;
            state = o.state;
            lastState = o.lastState;
            ready = o.ready;
            restartCount = o.restartCount;
            image = o.image;
            imageID = o.imageID;
            containerID = o.containerID;
            started = o.started;
            allocatedResources = o.allocatedResources;
            resources = o.resources;
            volumeMounts = o.volumeMounts;
            user = o.user;
            allocatedResourcesStatus = o.allocatedResourcesStatus;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder state(ContainerState v) {
            state = v;
            return this;
        }

        public Builder lastState(ContainerState v) {
            lastState = v;
            return this;
        }

        public Builder ready(boolean v) {
            ready = v;
            return this;
        }

        public Builder restartCount(int v) {
            restartCount = v;
            return this;
        }

        public Builder image(String v) {
            image = v;
            return this;
        }

        public Builder imageID(String v) {
            imageID = v;
            return this;
        }

        public Builder containerID(String v) {
            containerID = v;
            return this;
        }

        public Builder started(Boolean v) {
            started = v;
            return this;
        }

        public Builder allocatedResources(Map<String, Quantity> v) {
            allocatedResources = v == null ? null : ImmutableSortedMap.copyOf(v);
            return this;
        }

        public Builder resources(ResourceRequirements v) {
            resources = v;
            return this;
        }

        public Builder volumeMounts(List<VolumeMountStatus> v) {
            volumeMounts = v;
            return this;
        }

        public Builder user(ContainerUser v) {
            user = v;
            return this;
        }

        public Builder allocatedResourcesStatus(List<ResourceStatus> v) {
            allocatedResourcesStatus = v;
            return this;
        }

        public ContainerStatus build() {
            return new ContainerStatus(name, state, lastState, ready, restartCount, image, imageID, containerID,
                    started, allocatedResources, resources, volumeMounts, user, allocatedResourcesStatus);
        }
    }
}
