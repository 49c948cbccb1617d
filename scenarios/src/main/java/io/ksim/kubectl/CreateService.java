package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=PORT[:TARGET]...]}. */
@Command(name = "service", aliases = "svc", subcommands = {
    CreateService.ClusterIP.class, CreateService.ExternalName.class,
    CreateService.LoadBalancer.class, CreateService.NodePort.class})
final class CreateService extends CreateCommand.Group {

    CreateService(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    String help() {
        return """
                Create a service using a specified subcommand.

                Aliases:
                service, svc

                Available Commands:
                  clusterip      Create a ClusterIP service
                  externalname   Create an ExternalName service
                  loadbalancer   Create a LoadBalancer service
                  nodeport       Create a NodePort service

                Usage:
                  kubectl create service [flags] [options]

                Use "kubectl create service <command> --help" for more information about a given command.
                Use "kubectl options" for a list of global command-line options (applies to all commands).
                """;
    }

    /** What the service types share: {@code --tcp}, the {@code app: NAME} label and selector. */
    abstract static class Generator extends CreateGenerator {
        @Option(names = "--tcp", split = ",")
        List<String> tcp = new ArrayList<>();

        Generator(KubectlContext ctx) {
            super(ctx);
        }

        abstract String serviceType();

        String clusterIP() {
            return null;
        }

        Integer nodePort() {
            return null;
        }

        String externalName() {
            return null;
        }

        @Override
        String commandName() {
            return "service " + super.commandName();
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.SERVICES;
        }

        @Override
        void validate() {
            if (tcp.isEmpty() && !"None".equals(clusterIP()) && externalName() == null) {
                throw new KubectlException("error: at least one tcp port specifier must be provided");
            }
            if ("None".equals(clusterIP()) && !tcp.isEmpty()) {
                throw new KubectlException("error: can not map ports with clusterip=None");
            }
        }

        @Override
        ObjectNode build(String name) {
            ObjectNode meta = meta(name);
            meta.set("labels", labels("app", name));
            ObjectNode o = object("v1", "Service", meta);
            ObjectNode spec = o.putObject("spec");
            if (!tcp.isEmpty()) {
                ArrayNode ports = spec.putArray("ports");
                for (String t : tcp) {
                    String[] pt = t.split(":", 2);
                    int port = parsePort(pt[0]);
                    ObjectNode p = ports.addObject();
                    p.put("name", t.replace(':', '-'));
                    p.put("protocol", "TCP");
                    p.put("port", port);
                    String target = pt.length == 2 ? pt[1] : pt[0];
                    if (target.matches("[0-9]+")) {
                        p.put("targetPort", Integer.parseInt(target));
                    } else {
                        p.put("targetPort", target);
                    }
                    if (nodePort() != null && nodePort() > 0) {
                        p.put("nodePort", nodePort());
                    }
                }
            }
            spec.set("selector", labels("app", name));
            if (clusterIP() != null) {
                spec.put("clusterIP", clusterIP());
            }
            spec.put("type", serviceType());
            if (externalName() != null) {
                spec.put("externalName", externalName());
            }
            o.putObject("status").putObject("loadBalancer");
            return o;
        }

        /** The port as strconv.ParseUint(s, 10, 16) reads it. */
        private static int parsePort(String s) {
            if (!s.matches("[0-9]+")) {
                throw new KubectlException("error: strconv.ParseUint: parsing \"" + s + "\": invalid syntax");
            }
            if (s.length() > 5 || Integer.parseInt(s) > 65535) {
                throw new KubectlException("error: strconv.ParseUint: parsing \"" + s + "\": value out of range");
            }
            return Integer.parseInt(s);
        }
    }

    @Command(name = "clusterip")
    static final class ClusterIP extends Generator {
        @Option(names = "--clusterip")
        String clusterIP;

        ClusterIP(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String serviceType() {
            return "ClusterIP";
        }

        @Override
        String clusterIP() {
            return clusterIP == null || clusterIP.isEmpty() ? null : clusterIP;
        }
    }

    @Command(name = "nodeport")
    static final class NodePort extends Generator {
        @Option(names = "--node-port")
        int nodePort;

        NodePort(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String serviceType() {
            return "NodePort";
        }

        @Override
        Integer nodePort() {
            return nodePort;
        }
    }

    @Command(name = "loadbalancer")
    static final class LoadBalancer extends Generator {
        LoadBalancer(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String serviceType() {
            return "LoadBalancer";
        }
    }

    @Command(name = "externalname")
    static final class ExternalName extends Generator {
        @Option(names = "--external-name", required = true)
        String externalName;

        ExternalName(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String serviceType() {
            return "ExternalName";
        }

        @Override
        String externalName() {
            return externalName;
        }
    }
}
