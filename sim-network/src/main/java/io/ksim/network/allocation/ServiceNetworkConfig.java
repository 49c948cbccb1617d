package io.ksim.network.allocation;

/**
 * kube-apiserver's Service network flags: {@code --service-cluster-ip-range} (kubeadm's default
 * {@code 10.96.0.0/12}), {@code --service-node-port-range} ({@code 30000-32767}), and the address and secure
 * port it advertises for the {@code default/kubernetes} Service ({@code --advertise-address},
 * {@code --secure-port} 6443).
 */
public record ServiceNetworkConfig(String serviceClusterIPRange, String serviceNodePortRange,
        String advertiseAddress, int securePort) {

    public static final String DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
    public static final int DEFAULT_SECURE_PORT = 6443;

    /** kubeadm's defaults, with the API server on the first node address kind hands out. */
    public static ServiceNetworkConfig defaults() {
        return new ServiceNetworkConfig(DEFAULT_SERVICE_CIDR, NodePortAllocator.DEFAULT_RANGE, "172.18.0.2",
                DEFAULT_SECURE_PORT);
    }

    public ServiceNetworkConfig withAdvertiseAddress(String address) {
        return new ServiceNetworkConfig(serviceClusterIPRange, serviceNodePortRange, address, securePort);
    }

    public ServiceNetworkConfig withServiceClusterIPRange(String cidr) {
        return new ServiceNetworkConfig(cidr, serviceNodePortRange, advertiseAddress, securePort);
    }

    public ServiceNetworkConfig withServiceNodePortRange(String range) {
        return new ServiceNetworkConfig(serviceClusterIPRange, range, advertiseAddress, securePort);
    }
}
