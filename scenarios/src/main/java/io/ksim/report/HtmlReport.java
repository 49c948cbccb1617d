package io.ksim.report;

import io.ksim.kernel.GoDuration;
import io.ksim.kernel.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link RunReport} as one self-contained HTML page (inline CSS, SVG and script; nothing loaded from
 * the network): a timeline with a lane per node, each pod a bar from its binding to its deletion coloured by
 * its owning ReplicaSet (each revision its colour) with a legend, dashed lines at the rollout steps, power
 * events on their node's lane, then the tables of rollout steps and node events, traffic shares and pods.
 * The same report renders to the same bytes.
 *
 * <p>The timeline is drawn here, so the page shows it without script. The script only adds highlighting
 * (click a legend row to dim the other bars) and, once it ran, marks {@code <body data-rendered="true">}; a
 * script error anywhere shows as {@code <pre id="ksim-error">} instead.
 */
public final class HtmlReport {

    static final int WIDTH = 1000;
    static final int LEFT = 110;
    static final int RIGHT = 20;
    static final int AXIS = 30;
    static final int ROW = 18;
    static final int BAR = 13;
    static final int LANE_PAD = 7;
    static final int BOTTOM = 26;

    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6"};
    private static final String[] GRAYS = {"#9a9a9a", "#b8b8b8", "#7d7d7d", "#cccccc"};
    private static final long[] TICK_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600};

    private HtmlReport() {
    }

    public static String render(RunReport report) {
        return new Renderer(report).render();
    }

    private static final class Renderer {

        private final RunReport r;
        private final long span;
        private final Map<String, String> colours = new LinkedHashMap<>();
        private final Map<String, String> groupLabels = new LinkedHashMap<>();
        private final Map<String, Integer> groupCounts = new LinkedHashMap<>();
        private final Map<String, Integer> groupIndex = new LinkedHashMap<>();
        private final StringBuilder out = new StringBuilder(32_768);

        Renderer(RunReport r) {
            this.r = r;
            this.span = Math.max(r.endNanos(), 1_000_000_000L);
            int workload = 0;
            int system = 0;
            for (RunReport.PodBar p : r.pods()) {
                if (!colours.containsKey(p.group())) {
                    boolean isSystem = p.namespace().equals("kube-system");
                    colours.put(p.group(), isSystem ? GRAYS[system++ % GRAYS.length] : PALETTE[workload++ % PALETTE.length]);
                    groupLabels.put(p.group(), p.groupLabel());
                    groupIndex.put(p.group(), groupIndex.size());
                }
                groupCounts.merge(p.group(), 1, Integer::sum);
            }
        }

        String render() {
            out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            out.append("<title>").append(esc(r.title())).append("</title>\n");
            out.append("<script>\n").append(ON_ERROR).append("</script>\n");
            out.append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
            out.append("<h1>").append(esc(r.title())).append("</h1>\n");
            out.append("<p class=\"summary\">").append(r.lanes().size()).append(" node").append(r.lanes().size() == 1 ? "" : "s")
                    .append(", ").append(r.pods().size()).append(" pod").append(r.pods().size() == 1 ? "" : "s")
                    .append(" bound to a node, ").append(count(RunReport.MarkerKind.ROLLOUT)).append(" rollout step")
                    .append(count(RunReport.MarkerKind.ROLLOUT) == 1 ? "" : "s").append(", ")
                    .append(count(RunReport.MarkerKind.NODE_DOWN)).append(" power failure")
                    .append(count(RunReport.MarkerKind.NODE_DOWN) == 1 ? "" : "s").append("; ")
                    .append(esc(GoDuration.format(Duration.ofNanos(r.endNanos())))).append(" of virtual time.</p>\n");
            timeline();
            unbound();
            legend();
            events();
            traffic();
            podTable();
            out.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
            return out.toString();
        }

        private int count(RunReport.MarkerKind kind) {
            return (int) r.markers().stream().filter(m -> m.kind() == kind).count();
        }

        private double x(long nanos) {
            return LEFT + (double) Math.max(0, Math.min(nanos, span)) / span * (WIDTH - LEFT - RIGHT);
        }

        private void timeline() {
            // Pack each lane's bars into rows: a bar takes the first row free at its start.
            Map<String, List<RunReport.PodBar>> byNode = new LinkedHashMap<>();
            r.lanes().forEach(l -> byNode.put(l.node(), new ArrayList<>()));
            for (RunReport.PodBar p : r.pods()) {
                byNode.computeIfAbsent(p.node(), n -> new ArrayList<>()).add(p);
            }
            Map<String, Map<RunReport.PodBar, Integer>> rows = new LinkedHashMap<>();
            Map<String, Integer> rowCounts = new LinkedHashMap<>();
            for (Map.Entry<String, List<RunReport.PodBar>> e : byNode.entrySet()) {
                List<RunReport.PodBar> bars = new ArrayList<>(e.getValue());
                bars.sort(Comparator.comparingLong(RunReport.PodBar::scheduledNanos)
                        .thenComparing(RunReport.PodBar::namespace).thenComparing(RunReport.PodBar::name));
                List<Double> rowEnds = new ArrayList<>();
                Map<RunReport.PodBar, Integer> assigned = new LinkedHashMap<>();
                for (RunReport.PodBar b : bars) {
                    double start = x(b.scheduledNanos());
                    int row = 0;
                    while (row < rowEnds.size() && rowEnds.get(row) > start - 1) {
                        row++;
                    }
                    double end = Math.max(x(end(b)), start + 2);
                    if (row == rowEnds.size()) {
                        rowEnds.add(end);
                    } else {
                        rowEnds.set(row, end);
                    }
                    assigned.put(b, row);
                }
                rows.put(e.getKey(), assigned);
                rowCounts.put(e.getKey(), Math.max(1, rowEnds.size()));
            }
            int height = AXIS;
            for (int n : rowCounts.values()) {
                height += n * ROW + 2 * LANE_PAD;
            }
            height += BOTTOM;
            out.append("<h2>Timeline</h2>\n");
            out.append("<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                    .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                    .append(height).append("\">\n");
            out.append("<defs><pattern id=\"hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" "
                    + "patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#ffffff\" opacity=\"0.35\"/>"
                    + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#ffffff\" stroke-width=\"2\"/></pattern></defs>\n");
            axis(height);
            int y = AXIS;
            for (Map.Entry<String, Map<RunReport.PodBar, Integer>> e : rows.entrySet()) {
                String node = e.getKey();
                int laneHeight = rowCounts.get(node) * ROW + 2 * LANE_PAD;
                lane(node, y, laneHeight, e.getValue());
                y += laneHeight;
            }
            rolloutLines(height);
            out.append("</svg>\n");
        }

        /** {@code 0s}, {@code 30s}, {@code 1m}, {@code 1m30s}, {@code 1h}, {@code 1h30m}. */
        private static String tickLabel(long seconds) {
            long h = seconds / 3600;
            long m = seconds / 60 % 60;
            long s = seconds % 60;
            if (seconds < 60) {
                return s + "s";
            }
            if (h == 0) {
                return m + "m" + (s == 0 ? "" : s + "s");
            }
            return h + "h" + (m == 0 && s == 0 ? "" : m + "m") + (s == 0 ? "" : s + "s");
        }

        private long end(RunReport.PodBar b) {
            return b.deletedNanos() >= 0 ? b.deletedNanos() : r.endNanos();
        }

        private void axis(int height) {
            long spanSeconds = Math.max(1, span / 1_000_000_000L);
            long step = TICK_SECONDS[TICK_SECONDS.length - 1];
            for (long s : TICK_SECONDS) {
                if (spanSeconds / s <= 10) {
                    step = s;
                    break;
                }
            }
            out.append("<g class=\"axis\">\n");
            for (long t = 0; t * 1_000_000_000L <= span; t += step) {
                double tx = x(t * 1_000_000_000L);
                out.append("<line x1=\"").append(num(tx)).append("\" y1=\"").append(AXIS - 6).append("\" x2=\"")
                        .append(num(tx)).append("\" y2=\"").append(height - BOTTOM).append("\" class=\"grid\"/>");
                out.append("<text x=\"").append(num(tx)).append("\" y=\"").append(AXIS - 10)
                        .append("\" text-anchor=\"middle\">").append(tickLabel(t))
                        .append("</text>\n");
            }
            out.append("</g>\n");
        }

        private void lane(String node, int y, int laneHeight, Map<RunReport.PodBar, Integer> rows) {
            out.append("<g class=\"lane\" data-node=\"").append(esc(node)).append("\">\n");
            out.append("<rect class=\"lane-bg\" x=\"").append(LEFT).append("\" y=\"").append(y).append("\" width=\"")
                    .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(laneHeight).append("\"/>");
            out.append("<text class=\"lane-label\" x=\"").append(LEFT - 8).append("\" y=\"")
                    .append(y + laneHeight / 2 + 4).append("\" text-anchor=\"end\">").append(esc(node)).append("</text>\n");
            RunReport.Lane lane = r.lanes().stream().filter(l -> l.node().equals(node)).findFirst().orElse(null);
            if (lane != null) {
                notReadySpans(lane, y, laneHeight);
            }
            for (Map.Entry<RunReport.PodBar, Integer> e : rows.entrySet()) {
                bar(e.getKey(), y + LANE_PAD + e.getValue() * ROW);
            }
            for (RunReport.Marker m : r.markers()) {
                if (m.node().equals(node)) {
                    boolean down = m.kind() == RunReport.MarkerKind.NODE_DOWN;
                    double mx = x(m.nanos());
                    out.append("<g class=\"power ").append(down ? "down" : "up").append("\"><title>")
                            .append(esc(TraceEvent.formatTime(m.nanos()) + " " + node + ": " + m.message()))
                            .append("</title><line x1=\"").append(num(mx)).append("\" y1=\"").append(y + 1)
                            .append("\" x2=\"").append(num(mx)).append("\" y2=\"").append(y + laneHeight - 1)
                            .append("\"/><text x=\"").append(num(mx + 3)).append("\" y=\"").append(y + 10)
                            .append("\">").append(down ? "power off" : "power on").append("</text></g>\n");
                }
            }
            out.append("</g>\n");
        }

        /** Shades the spans where the node's Ready condition was not True. */
        private void notReadySpans(RunReport.Lane lane, int y, int laneHeight) {
            List<RunRecorder.ReadyChange> changes = lane.readiness();
            for (int i = 0; i < changes.size(); i++) {
                RunRecorder.ReadyChange c = changes.get(i);
                if (c.status().equals("True")) {
                    continue;
                }
                long until = i + 1 < changes.size() ? changes.get(i + 1).nanos() : r.endNanos();
                double x1 = x(c.nanos());
                double w = x(until) - x1;
                if (w <= 0) {
                    continue;
                }
                out.append("<rect class=\"node-notready\" x=\"").append(num(x1)).append("\" y=\"").append(y)
                        .append("\" width=\"").append(num(w)).append("\" height=\"").append(laneHeight)
                        .append("\"><title>").append(esc(lane.node() + " Ready=" + c.status() + " from "
                                + TraceEvent.formatTime(c.nanos()) + " to " + TraceEvent.formatTime(until)))
                        .append("</title></rect>\n");
            }
        }

        private void bar(RunReport.PodBar b, int y) {
            String colour = colours.get(b.group());
            double x1 = x(b.scheduledNanos());
            double x2 = Math.max(x(end(b)), x1 + 2);
            String tip = b.namespace() + "/" + b.name() + " on " + b.node() + " (" + b.image() + ")\n"
                    + b.groupLabel() + "\nbound " + TraceEvent.formatTime(b.scheduledNanos())
                    + (b.readyNanos() >= 0 ? ", ready " + TraceEvent.formatTime(b.readyNanos()) : ", never ready")
                    + (b.terminatingNanos() >= 0 ? ", terminating " + TraceEvent.formatTime(b.terminatingNanos()) : "")
                    + (b.deletedNanos() >= 0 ? ", deleted " + TraceEvent.formatTime(b.deletedNanos())
                            : ", " + b.phase() + " at the end");
            out.append("<g class=\"pod\" data-pod=\"").append(esc(b.namespace() + "/" + b.name()))
                    .append("\" data-group=\"").append(groupIndex.get(b.group())).append("\"><title>").append(esc(tip))
                    .append("</title>");
            rect("bar", x1, y, x2 - x1, colour);
            long readyAt = b.readyNanos() >= 0 ? b.readyNanos() : end(b);
            if (readyAt > b.scheduledNanos()) {
                rect("notready", x1, y, Math.min(x(readyAt), x2) - x1, null);
            }
            if (b.terminatingNanos() >= 0) {
                double t = x(b.terminatingNanos());
                rect("terminating", t, y, Math.max(x2 - t, 1), "url(#hatch)");
            }
            out.append("</g>\n");
        }

        private void rect(String cls, double x, int y, double w, String fill) {
            out.append("<rect class=\"").append(cls).append("\" x=\"").append(num(x)).append("\" y=\"").append(y)
                    .append("\" width=\"").append(num(Math.max(w, 0))).append("\" height=\"").append(BAR).append('"');
            if (fill != null) {
                out.append(" fill=\"").append(fill).append('"');
            }
            out.append("/>");
        }

        /** One dashed line per distinct time of rollout steps, numbered as in the table of events. */
        private void rolloutLines(int height) {
            TreeMap<Long, List<Integer>> byTime = new TreeMap<>();
            List<RunReport.Marker> ms = r.markers();
            for (int i = 0; i < ms.size(); i++) {
                if (ms.get(i).kind() == RunReport.MarkerKind.ROLLOUT) {
                    byTime.computeIfAbsent(ms.get(i).nanos(), k -> new ArrayList<>()).add(i + 1);
                }
            }
            double lastLabelX = Double.NEGATIVE_INFINITY;
            int labelRow = 0;
            for (Map.Entry<Long, List<Integer>> e : byTime.entrySet()) {
                double mx = x(e.getKey());
                // Labels of steps close together go on alternate lines so they do not overlap.
                labelRow = mx - lastLabelX < 40 ? 1 - labelRow : 0;
                lastLabelX = mx;
                List<Integer> numbers = e.getValue();
                String label = numbers.size() == 1 ? "#" + numbers.get(0)
                        : "#" + numbers.get(0) + "-" + numbers.get(numbers.size() - 1);
                out.append("<g class=\"rollout\"><title>").append(esc(TraceEvent.formatTime(e.getKey())
                        + " rollout step " + label)).append("</title><line x1=\"").append(num(mx)).append("\" y1=\"")
                        .append(AXIS - 4).append("\" x2=\"").append(num(mx)).append("\" y2=\"").append(height - BOTTOM)
                        .append("\"/><text x=\"").append(num(mx + 2)).append("\" y=\"").append(height - 13 + 12 * labelRow)
                        .append("\">")
                        .append(esc(label)).append("</text></g>\n");
            }
        }

        /** The pods no lane shows: never bound to a node. */
        private void unbound() {
            if (r.unbound().isEmpty()) {
                return;
            }
            out.append("<p class=\"unbound\">Never bound to a node:");
            for (int i = 0; i < r.unbound().size(); i++) {
                RunReport.Unbound u = r.unbound().get(i);
                out.append(i == 0 ? " " : "; ").append(esc(u.namespace() + "/" + u.name())).append(" (created ")
                        .append(esc(TraceEvent.formatTime(u.createdNanos())))
                        .append(u.deletedNanos() >= 0 ? ", deleted " + esc(TraceEvent.formatTime(u.deletedNanos()))
                                : ", Pending at the end")
                        .append(')');
            }
            out.append(".</p>\n");
        }

        private void legend() {
            out.append("<h2>Owners</h2>\n<table class=\"legend\">\n<tr><th></th><th>owner (click to highlight)</th>"
                    + "<th>pods</th></tr>\n");
            for (Map.Entry<String, String> e : colours.entrySet()) {
                out.append("<tr class=\"legend\" data-group=\"").append(groupIndex.get(e.getKey()))
                        .append("\"><td><span class=\"swatch\" style=\"background:").append(e.getValue())
                        .append("\"></span></td><td>").append(esc(groupLabels.get(e.getKey()))).append("</td><td>")
                        .append(groupCounts.get(e.getKey())).append("</td></tr>\n");
            }
            out.append("</table>\n<p class=\"key\">A bar runs from the pod's binding to its node until its deletion "
                    + "(or the end of the run); pale while not Ready, hatched while terminating. Red shading: the "
                    + "node's Ready condition was not True. Dashed lines: the deployment controller's scaling "
                    + "steps.</p>\n");
        }

        private void events() {
            if (r.markers().isEmpty()) {
                return;
            }
            out.append("<h2>Rollout steps and node events</h2>\n<table class=\"events\">\n"
                    + "<tr><th>#</th><th>time</th><th>object</th><th>event</th></tr>\n");
            List<RunReport.Marker> ms = r.markers();
            for (int i = 0; i < ms.size(); i++) {
                RunReport.Marker m = ms.get(i);
                String kind = switch (m.kind()) {
                    case ROLLOUT -> "rollout";
                    case NODE_DOWN -> "down";
                    case NODE_UP -> "up";
                };
                out.append("<tr class=\"").append(kind).append("\"><td>").append(i + 1).append("</td><td>")
                        .append(esc(TraceEvent.formatTime(m.nanos()))).append("</td><td>").append(esc(m.object()))
                        .append("</td><td>").append(esc(m.message())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }

        private void traffic() {
            if (r.traffic().isEmpty()) {
                return;
            }
            out.append("<h2>Traffic shares</h2>\n<table class=\"traffic\">\n<tr><th>time</th><th>measurement</th>"
                    + "<th>target</th><th>backend</th><th>answers</th><th>share</th></tr>\n");
            for (RunRecorder.TrafficSample s : r.traffic()) {
                int total = s.total();
                boolean first = true;
                for (Map.Entry<String, Integer> e : s.hitsByBackend().entrySet()) {
                    double share = total == 0 ? 0 : 100.0 * e.getValue() / total;
                    out.append("<tr><td>").append(first ? esc(TraceEvent.formatTime(s.nanos())) : "").append("</td><td>")
                            .append(first ? esc(s.label()) : "").append("</td><td>").append(first ? esc(s.target()) : "")
                            .append("</td><td>").append(esc(e.getKey())).append("</td><td class=\"n\">")
                            .append(e.getValue()).append("</td><td class=\"n\"><span class=\"share\" style=\"width:")
                            .append(num(share)).append("px\"></span> ")
                            .append(String.format(Locale.ROOT, "%.1f%%", share)).append("</td></tr>\n");
                    first = false;
                }
            }
            out.append("</table>\n");
        }

        private void podTable() {
            out.append("<details>\n<summary>Pods (").append(r.pods().size()).append(")</summary>\n<table class=\"pods\">\n"
                    + "<tr><th>pod</th><th>node</th><th>owner</th><th>image</th><th>bound</th><th>ready</th>"
                    + "<th>deleted</th></tr>\n");
            for (RunReport.PodBar p : r.pods()) {
                out.append("<tr><td>").append(esc(p.namespace() + "/" + p.name())).append("</td><td>").append(esc(p.node()))
                        .append("</td><td>").append(esc(p.groupLabel())).append("</td><td>").append(esc(p.image()))
                        .append("</td><td>").append(time(p.scheduledNanos())).append("</td><td>").append(time(p.readyNanos()))
                        .append("</td><td>").append(time(p.deletedNanos())).append("</td></tr>\n");
            }
            out.append("</table>\n</details>\n");
        }

        private static String time(long nanos) {
            return nanos < 0 ? "" : esc(TraceEvent.formatTime(nanos));
        }
    }

    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String ON_ERROR = """
            window.onerror = function (message, source, line) {
              var e = document.getElementById('ksim-error') || document.createElement('pre');
              e.id = 'ksim-error';
              e.textContent = 'script error: ' + message + ' (line ' + line + ')';
              (document.body || document.documentElement).appendChild(e);
              document.documentElement.setAttribute('data-error', 'true');
            };
            """;

    private static final String SCRIPT = """
            (function () {
              var bars = document.querySelectorAll('#timeline g.pod');
              var rows = document.querySelectorAll('tr.legend');
              rows.forEach(function (row) {
                row.addEventListener('click', function () {
                  var group = row.getAttribute('data-group');
                  var selected = !row.classList.contains('selected');
                  rows.forEach(function (r) { r.classList.remove('selected'); });
                  if (selected) { row.classList.add('selected'); }
                  bars.forEach(function (g) {
                    g.classList.toggle('dim', selected && g.getAttribute('data-group') !== group);
                  });
                });
              });
              var body = document.body;
              body.setAttribute('data-bars', String(bars.length));
              body.setAttribute('data-lanes', String(document.querySelectorAll('#timeline g.lane').length));
              body.setAttribute('data-rendered', 'true');
            })();
            """;

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
            h1 { font-size: 20px; margin: 0 0 4px; }
            h2 { font-size: 16px; margin: 24px 0 8px; }
            .summary, .key { color: #555; }
            svg text { font: 11px system-ui, sans-serif; fill: #333; }
            .grid { stroke: #e4e4e4; }
            .lane-bg { fill: #fafafa; stroke: #e0e0e0; }
            .lane-label { font-weight: 600; }
            .node-notready { fill: #e15759; opacity: 0.12; }
            .notready { fill: #ffffff; opacity: 0.55; }
            g.pod { cursor: default; }
            g.pod.dim { opacity: 0.15; }
            .rollout line { stroke: #4e79a7; stroke-dasharray: 4 3; }
            .rollout text { fill: #4e79a7; }
            .power line { stroke-width: 2; }
            .power.down line { stroke: #c0392b; }
            .power.down text { fill: #c0392b; }
            .power.up line { stroke: #2e8b57; }
            .power.up text { fill: #2e8b57; }
            table { border-collapse: collapse; }
            th, td { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; }
            td.n { text-align: right; }
            tr.legend { cursor: pointer; }
            tr.legend.selected { background: #eef3fa; }
            .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 2px; }
            .share { display: inline-block; height: 10px; background: #4e79a7; }
            tr.down td { color: #c0392b; }
            tr.up td { color: #2e8b57; }
            .unbound { color: #c0392b; }
            #ksim-error { color: #c0392b; font-weight: 600; }
            """;
}
