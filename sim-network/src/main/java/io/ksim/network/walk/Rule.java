package io.ksim.network.walk;

import io.ksim.network.proxy.iptables.IptablesSave;
import java.util.ArrayList;
import java.util.List;

/**
 * One kube-proxy rule, parsed from its iptables-restore text into the matches and target a walk needs.
 * Unknown matches ({@code -m comment}, {@code -m nfacct}) never prevent a match.
 */
final class Rule {

    String protocol;
    String dst;
    String notDst;
    String src;
    String notSrc;
    int dport;
    boolean dstTypeLocal;
    boolean srcTypeLocal;
    double probability = -1;
    String recentCheck;
    long recentSeconds;
    String recentSet;
    String target;
    String toDestination;

    static Rule parse(String text) {
        List<String> t = IptablesSave.tokens(text);
        Rule r = new Rule();
        boolean negate = false;
        for (int i = 0; i < t.size(); i++) {
            String tok = t.get(i);
            switch (tok) {
                case "!" -> {
                    negate = true;
                    continue;
                }
                case "-p" -> r.protocol = t.get(++i);
                case "-d" -> {
                    if (negate) {
                        r.notDst = t.get(++i);
                    } else {
                        r.dst = t.get(++i);
                    }
                }
                case "-s" -> {
                    if (negate) {
                        r.notSrc = t.get(++i);
                    } else {
                        r.src = t.get(++i);
                    }
                }
                case "--dport" -> r.dport = Integer.parseInt(t.get(++i));
                case "--dst-type" -> r.dstTypeLocal = "LOCAL".equals(t.get(++i));
                case "--src-type" -> r.srcTypeLocal = "LOCAL".equals(t.get(++i));
                case "--probability" -> r.probability = Double.parseDouble(t.get(++i));
                case "--name" -> {
                    String name = t.get(++i);
                    if (i + 1 < t.size() && "--rcheck".equals(t.get(i + 1))) {
                        r.recentCheck = name;
                    } else {
                        r.recentSet = name;
                    }
                }
                case "--seconds" -> r.recentSeconds = Long.parseLong(t.get(++i));
                case "-j" -> r.target = t.get(++i);
                case "--to-destination" -> r.toDestination = t.get(++i);
                case "--comment", "--nfacct-name", "--mode", "--mark", "--or-mark", "--xor-mark", "--ctstate",
                        "-m" -> i++;
                default -> {
                }
            }
            negate = false;
        }
        return r;
    }

}
