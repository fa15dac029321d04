package org.rightsflow.docs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Draws a BPMN file's own diagram (its BPMN DI: the shapes, edges and labels Camunda Modeler saved) as SVG, in the
 * usual BPMN notation: tasks as rounded boxes with a marker for their kind, events as circles (thick: end; double:
 * intermediate and boundary; dashed: non-interrupting) with their trigger, gateways as diamonds, sequence flows as
 * arrows. It reads only the file and uses only the JDK, so the drawing can never differ from the model it shows.
 * {@link BpmnDiagramsTest} keeps docs/diagrams in step with processes/.
 */
final class BpmnSvg {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    static final String DI = "http://www.omg.org/spec/DD/20100524/DI";

    private static final double MARGIN = 20;
    private static final double FONT_SIZE = 12;
    private static final double LINE_HEIGHT = 14;

    private final Map<String, Element> elements = new HashMap<>();
    private final StringBuilder containers = new StringBuilder();
    private final StringBuilder edges = new StringBuilder();
    private final StringBuilder shapes = new StringBuilder();
    private final StringBuilder boundaryEvents = new StringBuilder();
    private final StringBuilder labels = new StringBuilder();
    private double minX = Double.MAX_VALUE;
    private double minY = Double.MAX_VALUE;
    private double maxX = -Double.MAX_VALUE;
    private double maxY = -Double.MAX_VALUE;

    private BpmnSvg() {
    }

    /** The SVG of the first diagram in the file. */
    static String render(Path bpmnFile) {
        Document document = parse(bpmnFile);
        return new BpmnSvg().draw(document);
    }

    private String draw(Document document) {
        Element root = document.getDocumentElement();
        collectElements(root);
        Element plane = first(root, BPMNDI, "BPMNPlane");
        if (plane == null) {
            throw new IllegalArgumentException("no BPMN diagram (bpmndi:BPMNPlane) in the file");
        }
        List<Element> diShapes = children(plane, BPMNDI, "BPMNShape");
        // Containers first, outermost first, so that what they contain is drawn over them.
        diShapes.stream().filter(this::isContainer)
                .sorted(Comparator.comparingDouble(s -> -area(bounds(s))))
                .forEach(this::drawShape);
        diShapes.stream().filter(s -> !isContainer(s)).forEach(this::drawShape);
        children(plane, BPMNDI, "BPMNEdge").forEach(this::drawEdge);
        return svg(title(root));
    }

    // --- shapes

    private boolean isContainer(Element diShape) {
        String kind = kind(diShape);
        return kind.equals("participant") || kind.equals("lane")
                || (kind.equals("subProcess") && !"false".equals(diShape.getAttribute("isExpanded")))
                || kind.equals("transaction");
    }

    private void drawShape(Element diShape) {
        Element element = elements.get(diShape.getAttribute("bpmnElement"));
        double[] b = bounds(diShape);
        extend(b);
        String kind = element == null ? "" : element.getLocalName();
        String name = element == null ? "" : element.getAttribute("name");
        switch (kind) {
            case "participant", "lane" -> {
                containers.append(rect(b, 0, "participant")).append('\n');
                containers.append(verticalLabel(b, name));
            }
            case "subProcess", "transaction", "adHocSubProcess" -> {
                boolean expanded = !"false".equals(diShape.getAttribute("isExpanded"));
                boolean eventSubProcess = "true".equals(element.getAttribute("triggeredByEvent"));
                String css = eventSubProcess ? "activity event-sub" : "activity";
                if (expanded) {
                    containers.append(rect(b, 10, css)).append('\n');
                    labels.append(text(b[0] + 8, b[1] + 6 + LINE_HEIGHT, "start", List.of(name), "label"));
                } else {
                    shapes.append(rect(b, 10, css)).append('\n');
                    shapes.append(plusMarker(b[0] + b[2] / 2, b[1] + b[3] - 10));
                    labels.append(centred(b, name));
                }
                labels.append(loopMarker(element, b));
            }
            case "task", "serviceTask", "userTask", "manualTask", "scriptTask", "sendTask", "receiveTask",
                    "businessRuleTask", "callActivity" -> {
                shapes.append(rect(b, 10, kind.equals("callActivity") ? "activity call" : "activity")).append('\n');
                shapes.append(taskMarker(kind, b));
                shapes.append(loopMarker(element, b));
                labels.append(centred(b, name));
            }
            case "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent" -> {
                StringBuilder out = kind.equals("boundaryEvent") ? boundaryEvents : shapes;
                out.append(event(element, kind, b));
                labels.append(outerLabel(diShape, b, name));
            }
            case "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway" -> {
                shapes.append(gateway(kind, diShape, b));
                labels.append(outerLabel(diShape, b, name));
            }
            case "textAnnotation" -> {
                shapes.append(String.format(Locale.ROOT, "<path class=\"annotation\" d=\"M%s,%s h-10 v%s h10\"/>%n",
                        n(b[0] + 10), n(b[1]), n(b[3])));
                labels.append(text(b[0] + 5, b[1] + LINE_HEIGHT, "start",
                        wrap(textOf(element), b[2] - 10), "label"));
            }
            case "dataStoreReference", "dataObjectReference" -> {
                shapes.append(rect(b, 0, "data")).append('\n');
                labels.append(outerLabel(diShape, b, name));
            }
            default -> {
                shapes.append(rect(b, 0, "unknown")).append('\n');
                labels.append(centred(b, name.isEmpty() ? kind : name));
            }
        }
    }

    private String event(Element element, String kind, double[] b) {
        double cx = b[0] + b[2] / 2;
        double cy = b[1] + b[3] / 2;
        double r = Math.min(b[2], b[3]) / 2;
        boolean nonInterrupting = "false".equals(element.getAttribute("cancelActivity"))
                || "false".equals(element.getAttribute("isInterrupting"));
        String dash = nonInterrupting ? " dashed" : "";
        StringBuilder out = new StringBuilder();
        switch (kind) {
            case "startEvent" -> out.append(circle(cx, cy, r, "event" + dash));
            case "endEvent" -> out.append(circle(cx, cy, r, "event end"));
            default -> {
                out.append(circle(cx, cy, r, "event" + dash));
                out.append(circle(cx, cy, r - 3, "event inner" + dash));
            }
        }
        boolean filled = kind.equals("endEvent") || kind.equals("intermediateThrowEvent");
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element definition && child.getLocalName().endsWith("EventDefinition")) {
                out.append(eventMarker(definition.getLocalName(), cx, cy, r, filled));
                break;
            }
        }
        return out.toString();
    }

    private static String eventMarker(String definition, double cx, double cy, double r, boolean filled) {
        String css = filled ? "marker filled" : "marker";
        return switch (definition) {
            case "timerEventDefinition" -> circle(cx, cy, r * 0.6, "marker")
                    + line(cx, cy, cx, cy - r * 0.45, "marker") + line(cx, cy, cx + r * 0.3, cy + r * 0.1, "marker");
            case "messageEventDefinition" -> {
                double w = r * 1.0;
                double h = r * 0.7;
                yield String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>%n",
                        css, n(cx - w / 2), n(cy - h / 2), n(w), n(h))
                        + String.format(Locale.ROOT, "<path class=\"%s\" d=\"M%s,%s L%s,%s L%s,%s\"/>%n",
                        filled ? "marker inverse" : "marker", n(cx - w / 2), n(cy - h / 2), n(cx), n(cy + h / 6),
                        n(cx + w / 2), n(cy - h / 2));
            }
            case "errorEventDefinition" -> polygon(css, cx - r * 0.45, cy + r * 0.45, cx - r * 0.15, cy - r * 0.45,
                    cx + r * 0.1, cy + r * 0.05, cx + r * 0.45, cy - r * 0.45, cx + r * 0.15, cy + r * 0.45,
                    cx - r * 0.1, cy - r * 0.05);
            case "signalEventDefinition" -> polygon(css, cx, cy - r * 0.55, cx + r * 0.5, cy + r * 0.35,
                    cx - r * 0.5, cy + r * 0.35);
            case "escalationEventDefinition" -> polygon(css, cx, cy - r * 0.55, cx + r * 0.4, cy + r * 0.45,
                    cx, cy + r * 0.1, cx - r * 0.4, cy + r * 0.45);
            case "terminateEventDefinition" -> circle(cx, cy, r * 0.55, "marker filled");
            case "conditionalEventDefinition" -> String.format(Locale.ROOT,
                    "<rect class=\"marker\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>%n",
                    n(cx - r * 0.4), n(cy - r * 0.5), n(r * 0.8), n(r)) + line(cx - r * 0.25, cy - r * 0.2,
                    cx + r * 0.25, cy - r * 0.2, "marker") + line(cx - r * 0.25, cy + r * 0.15, cx + r * 0.25,
                    cy + r * 0.15, "marker");
            case "compensateEventDefinition" -> polygon(css, cx - r * 0.55, cy, cx - r * 0.05, cy - r * 0.35,
                    cx - r * 0.05, cy + r * 0.35) + polygon(css, cx - r * 0.05, cy, cx + r * 0.45, cy - r * 0.35,
                    cx + r * 0.45, cy + r * 0.35);
            case "linkEventDefinition" -> polygon(css, cx - r * 0.45, cy - r * 0.2, cx + r * 0.1, cy - r * 0.2,
                    cx + r * 0.1, cy - r * 0.45, cx + r * 0.5, cy, cx + r * 0.1, cy + r * 0.45, cx + r * 0.1,
                    cy + r * 0.2, cx - r * 0.45, cy + r * 0.2);
            case "cancelEventDefinition" -> line(cx - r * 0.4, cy - r * 0.4, cx + r * 0.4, cy + r * 0.4, "marker thick")
                    + line(cx - r * 0.4, cy + r * 0.4, cx + r * 0.4, cy - r * 0.4, "marker thick");
            default -> "";
        };
    }

    private String gateway(String kind, Element diShape, double[] b) {
        double cx = b[0] + b[2] / 2;
        double cy = b[1] + b[3] / 2;
        double d = b[2] / 4;
        StringBuilder out = new StringBuilder(polygon("gateway", cx, b[1], b[0] + b[2], cy, cx, b[1] + b[3], b[0], cy));
        switch (kind) {
            case "exclusiveGateway" -> {
                if (!"false".equals(diShape.getAttribute("isMarkerVisible"))) {
                    out.append(line(cx - d * 0.8, cy - d, cx + d * 0.8, cy + d, "marker thick"));
                    out.append(line(cx - d * 0.8, cy + d, cx + d * 0.8, cy - d, "marker thick"));
                }
            }
            case "parallelGateway" -> out.append(line(cx, cy - d * 1.2, cx, cy + d * 1.2, "marker thick"))
                    .append(line(cx - d * 1.2, cy, cx + d * 1.2, cy, "marker thick"));
            case "inclusiveGateway" -> out.append(circle(cx, cy, d, "marker thick"));
            case "complexGateway" -> out.append(line(cx, cy - d * 1.2, cx, cy + d * 1.2, "marker thick"))
                    .append(line(cx - d * 1.2, cy, cx + d * 1.2, cy, "marker thick"))
                    .append(line(cx - d * 0.85, cy - d * 0.85, cx + d * 0.85, cy + d * 0.85, "marker thick"))
                    .append(line(cx - d * 0.85, cy + d * 0.85, cx + d * 0.85, cy - d * 0.85, "marker thick"));
            case "eventBasedGateway" -> {
                out.append(circle(cx, cy, d * 1.1, "marker"));
                out.append(circle(cx, cy, d * 0.9, "marker"));
                double p = d * 0.6;
                out.append(polygon("marker", cx, cy - p, cx + p, cy - p * 0.3, cx + p * 0.6, cy + p,
                        cx - p * 0.6, cy + p, cx - p, cy - p * 0.3));
            }
            default -> {
            }
        }
        return out.toString();
    }

    /** A small sign of the task's kind in its top-left corner, as the Modeler shows. */
    private static String taskMarker(String kind, double[] b) {
        double x = b[0] + 6;
        double y = b[1] + 6;
        return switch (kind) {
            case "serviceTask" -> circle(x + 7, y + 7, 6, "marker") + circle(x + 7, y + 7, 2.5, "marker")
                    + line(x + 7, y - 1, x + 7, y + 1.5, "marker thick") + line(x + 7, y + 12.5, x + 7, y + 15, "marker thick")
                    + line(x - 1, y + 7, x + 1.5, y + 7, "marker thick") + line(x + 12.5, y + 7, x + 15, y + 7, "marker thick");
            case "userTask" -> circle(x + 7, y + 4, 3.5, "marker")
                    + String.format(Locale.ROOT, "<path class=\"marker\" d=\"M%s,%s a7,6 0 0 1 14,0 z\"/>%n",
                    n(x), n(y + 15));
            case "manualTask" -> String.format(Locale.ROOT,
                    "<path class=\"marker\" d=\"M%s,%s h10 a2,2 0 0 1 0,4 h-10 z\"/>%n", n(x), n(y + 4));
            case "scriptTask" -> String.format(Locale.ROOT,
                    "<rect class=\"marker\" x=\"%s\" y=\"%s\" width=\"12\" height=\"14\"/>%n", n(x), n(y))
                    + line(x + 3, y + 4, x + 9, y + 4, "marker") + line(x + 3, y + 7, x + 9, y + 7, "marker")
                    + line(x + 3, y + 10, x + 9, y + 10, "marker");
            case "sendTask", "receiveTask" -> {
                boolean send = kind.equals("sendTask");
                yield String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"16\" height=\"11\"/>%n",
                        send ? "marker filled" : "marker", n(x), n(y + 2))
                        + String.format(Locale.ROOT, "<path class=\"%s\" d=\"M%s,%s l8,6 l8,-6\"/>%n",
                        send ? "marker inverse" : "marker", n(x), n(y + 2));
            }
            case "businessRuleTask" -> String.format(Locale.ROOT,
                    "<rect class=\"marker\" x=\"%s\" y=\"%s\" width=\"16\" height=\"12\"/>%n", n(x), n(y + 1))
                    + line(x, y + 5, x + 16, y + 5, "marker") + line(x + 5, y + 5, x + 5, y + 13, "marker");
            default -> "";
        };
    }

    /** Multi-instance (three bars: upright parallel, lying sequential) or a loop, at the bottom centre. */
    private static String loopMarker(Element element, double[] b) {
        double cx = b[0] + b[2] / 2;
        double bottom = b[1] + b[3] - 4;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element e)) {
                continue;
            }
            if (e.getLocalName().equals("multiInstanceLoopCharacteristics")) {
                StringBuilder out = new StringBuilder();
                boolean sequential = "true".equals(e.getAttribute("isSequential"));
                for (int i = -1; i <= 1; i++) {
                    out.append(sequential
                            ? line(cx - 6, bottom - 6 + i * 4, cx + 6, bottom - 6 + i * 4, "marker thick")
                            : line(cx + i * 4, bottom - 12, cx + i * 4, bottom, "marker thick"));
                }
                return out.toString();
            }
            if (e.getLocalName().equals("standardLoopCharacteristics")) {
                return String.format(Locale.ROOT, "<path class=\"marker\" d=\"M%s,%s a6,6 0 1 1 6,0\"/>%n",
                        n(cx - 3), n(bottom - 1));
            }
        }
        return "";
    }

    private static String plusMarker(double cx, double cy) {
        return String.format(Locale.ROOT, "<rect class=\"marker\" x=\"%s\" y=\"%s\" width=\"12\" height=\"12\"/>%n",
                n(cx - 6), n(cy - 6)) + line(cx - 4, cy, cx + 4, cy, "marker") + line(cx, cy - 4, cx, cy + 4, "marker");
    }

    // --- edges

    private void drawEdge(Element diEdge) {
        Element element = elements.get(diEdge.getAttribute("bpmnElement"));
        List<double[]> points = new ArrayList<>();
        for (Element waypoint : children(diEdge, DI, "waypoint")) {
            double[] p = {d(waypoint, "x"), d(waypoint, "y")};
            points.add(p);
            extend(new double[] {p[0], p[1], 0, 0});
        }
        if (points.size() < 2) {
            return;
        }
        String kind = element == null ? "" : element.getLocalName();
        StringBuilder path = new StringBuilder();
        for (double[] p : points) {
            path.append(path.length() == 0 ? "M" : " L").append(n(p[0])).append(',').append(n(p[1]));
        }
        String css = switch (kind) {
            case "messageFlow" -> "flow message";
            case "association", "dataInputAssociation", "dataOutputAssociation" -> "flow association";
            default -> "flow";
        };
        String end = kind.equals("association") ? "" : " marker-end=\"url(#arrow)\"";
        edges.append(String.format(Locale.ROOT, "<path class=\"%s\" d=\"%s\"%s/>%n", css, path, end));
        if (element != null && kind.equals("sequenceFlow") && isDefaultFlow(element)) {
            edges.append(defaultMarker(points.get(0), points.get(1)));
        }
        String name = element == null ? "" : element.getAttribute("name");
        if (!name.isEmpty()) {
            Element label = first(diEdge, BPMNDI, "BPMNLabel");
            Element labelBounds = label == null ? null : first(label, DC, "Bounds");
            if (labelBounds != null) {
                double[] b = boundsOf(labelBounds);
                extend(b);
                labels.append(text(b[0] + b[2] / 2, b[1] + FONT_SIZE - 1, "middle", wrap(name, Math.max(b[2], 90)),
                        "label small"));
            } else {
                double[] a = points.get(0);
                double[] c = points.get(1);
                labels.append(text((a[0] + c[0]) / 2 + 4, (a[1] + c[1]) / 2 - 4, "start", List.of(name), "label small"));
            }
        }
    }

    private boolean isDefaultFlow(Element flow) {
        Element source = elements.get(flow.getAttribute("sourceRef"));
        return source != null && flow.getAttribute("id").equals(source.getAttribute("default"));
    }

    /** The slash across the start of a gateway's or activity's default flow. */
    private static String defaultMarker(double[] from, double[] towards) {
        double dx = towards[0] - from[0];
        double dy = towards[1] - from[1];
        double length = Math.hypot(dx, dy);
        double ux = dx / length;
        double uy = dy / length;
        double mx = from[0] + ux * 10;
        double my = from[1] + uy * 10;
        return line(mx - uy * 5 - ux * 3, my + ux * 5 - uy * 3, mx + uy * 5 + ux * 3, my - ux * 5 + uy * 3, "flow");
    }

    // --- labels

    private String outerLabel(Element diShape, double[] b, String name) {
        if (name.isEmpty()) {
            return "";
        }
        Element label = first(diShape, BPMNDI, "BPMNLabel");
        Element labelBounds = label == null ? null : first(label, DC, "Bounds");
        if (labelBounds != null) {
            double[] lb = boundsOf(labelBounds);
            extend(lb);
            return text(lb[0] + lb[2] / 2, lb[1] + FONT_SIZE - 1, "middle", wrap(name, Math.max(lb[2], 90)), "label small");
        }
        double width = Math.max(b[2] * 2.5, 90);
        List<String> lines = wrap(name, width);
        extend(new double[] {b[0] + b[2] / 2 - width / 2, b[1] + b[3] + 4, width, lines.size() * LINE_HEIGHT});
        return text(b[0] + b[2] / 2, b[1] + b[3] + 4 + FONT_SIZE, "middle", lines, "label small");
    }

    private static String centred(double[] b, String name) {
        if (name.isEmpty()) {
            return "";
        }
        List<String> lines = wrap(name, b[2] - 12);
        double top = b[1] + (b[3] - lines.size() * LINE_HEIGHT) / 2 + FONT_SIZE - 1;
        return text(b[0] + b[2] / 2, top, "middle", lines, "label");
    }

    private static String verticalLabel(double[] b, String name) {
        if (name.isEmpty()) {
            return "";
        }
        double x = b[0] + 18;
        double y = b[1] + b[3] / 2;
        return String.format(Locale.ROOT, "<text class=\"label\" x=\"%s\" y=\"%s\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 %s %s)\">%s</text>%n", n(x), n(y), n(x), n(y), escape(name));
    }

    private static String text(double x, double firstBaseline, String anchor, List<String> lines, String css) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "<text class=\"%s\" x=\"%s\" y=\"%s\" text-anchor=\"%s\">", css, n(x), n(firstBaseline), anchor));
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? "<tspan>" : String.format(Locale.ROOT, "<tspan x=\"%s\" dy=\"%s\">", n(x), n(LINE_HEIGHT)))
                    .append(escape(lines.get(i))).append("</tspan>");
        }
        return out.append("</text>\n").toString();
    }

    /** Breaks a label into lines that fit the width, by words, and between CJK characters (which have no spaces). */
    static List<String> wrap(String text, double width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (textWidth(candidate) <= width || line.length() == 0 && textWidth(word) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (textWidth(word) <= width) {
                line.append(word);
                continue;
            }
            if (word.codePoints().noneMatch(c -> c >= 0x2E80)) {
                lines.add(word); // a long Latin word or code stays whole: broken it would read as two
                continue;
            }
            for (int i = 0; i < word.length(); ) {
                int codePoint = word.codePointAt(i);
                if (line.length() > 0 && textWidth(line + Character.toString(codePoint)) > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.appendCodePoint(codePoint);
                i += Character.charCount(codePoint);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** An estimate of the text's width at the label font: wide CJK characters count double. */
    private static double textWidth(String text) {
        return text.codePoints().mapToDouble(c -> c >= 0x2E80 ? FONT_SIZE : FONT_SIZE * 0.55).sum();
    }

    // --- SVG primitives

    private static String rect(double[] b, double radius, String css) {
        return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"%s\"/>",
                css, n(b[0]), n(b[1]), n(b[2]), n(b[3]), n(radius));
    }

    private static String circle(double cx, double cy, double r, String css) {
        return String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%s\" cy=\"%s\" r=\"%s\"/>%n", css, n(cx), n(cy), n(r));
    }

    private static String line(double x1, double y1, double x2, double y2, String css) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>%n",
                css, n(x1), n(y1), n(x2), n(y2));
    }

    private static String polygon(String css, double... xy) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            points.append(i == 0 ? "" : " ").append(n(xy[i])).append(',').append(n(xy[i + 1]));
        }
        return String.format(Locale.ROOT, "<polygon class=\"%s\" points=\"%s\"/>%n", css, points);
    }

    private String svg(String title) {
        double x = Math.floor(minX - MARGIN);
        double y = Math.floor(minY - MARGIN);
        double width = Math.ceil(maxX + MARGIN) - x;
        double height = Math.ceil(maxY + MARGIN) - y;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- Drawn from the model's BPMN diagram by the build: do not edit (docs/processes.md, Diagrams). -->\n"
                + String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%s %s %s %s\" "
                        + "width=\"%s\" height=\"%s\">%n", n(x), n(y), n(width), n(height), n(width), n(height))
                + "<title>" + escape(title) + "</title>\n"
                + "<style>\n"
                + "  text { font-family: Arial, Helvetica, 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif; "
                + "font-size: " + n(FONT_SIZE) + "px; fill: #222; }\n"
                + "  .small { font-size: 11px; }\n"
                + "  .activity, .participant, .event, .gateway, .data, .unknown { fill: #fff; stroke: #222; stroke-width: 2; }\n"
                + "  .call { stroke-width: 4; }\n"
                + "  .event-sub { stroke-dasharray: 2 3; }\n"
                + "  .inner { stroke-width: 1.5; fill: none; }\n"
                + "  .end { stroke-width: 4; }\n"
                + "  .dashed { stroke-dasharray: 5 3; }\n"
                + "  .marker { fill: none; stroke: #222; stroke-width: 1.5; }\n"
                + "  .marker.thick { stroke-width: 3; }\n"
                + "  .marker.filled { fill: #222; }\n"
                + "  .marker.inverse { stroke: #fff; }\n"
                + "  .flow { fill: none; stroke: #222; stroke-width: 1.5; }\n"
                + "  .message { stroke-dasharray: 8 4; }\n"
                + "  .association { stroke-dasharray: 2 3; }\n"
                + "  .annotation { fill: none; stroke: #222; stroke-width: 1.5; }\n"
                + "</style>\n"
                + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                + "markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#222\"/></marker></defs>\n"
                + containers + edges + shapes + boundaryEvents + labels
                + "</svg>\n";
    }

    // --- reading the model

    /** A process of a model file: its id, name and the documentation the model gives it. */
    record ProcessSummary(String id, String name, String documentation) {
    }

    static List<ProcessSummary> processes(Path bpmnFile) {
        List<ProcessSummary> processes = new ArrayList<>();
        for (Element process : children(parse(bpmnFile).getDocumentElement(), BPMN, "process")) {
            List<Element> documentation = children(process, BPMN, "documentation");
            processes.add(new ProcessSummary(process.getAttribute("id"), process.getAttribute("name"),
                    documentation.isEmpty() ? "" : documentation.get(0).getTextContent().strip()));
        }
        return processes;
    }

    private void collectElements(Element element) {
        if (BPMN.equals(element.getNamespaceURI()) && element.hasAttribute("id")) {
            elements.put(element.getAttribute("id"), element);
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collectElements(e);
            }
        }
    }

    private String kind(Element diShape) {
        Element element = elements.get(diShape.getAttribute("bpmnElement"));
        return element == null ? "" : element.getLocalName();
    }

    private String title(Element definitions) {
        List<String> names = new ArrayList<>();
        for (Element process : children(definitions, BPMN, "process")) {
            String name = process.getAttribute("name");
            names.add(process.getAttribute("id") + (name.isEmpty() ? "" : " (" + name + ")"));
        }
        return String.join(", ", names);
    }

    private static String textOf(Element annotation) {
        Element text = first(annotation, BPMN, "text");
        return text == null ? "" : text.getTextContent();
    }

    private static double[] bounds(Element diShape) {
        Element b = first(diShape, DC, "Bounds");
        if (b == null) {
            throw new IllegalArgumentException("shape " + diShape.getAttribute("id") + " has no dc:Bounds");
        }
        return boundsOf(b);
    }

    private static double[] boundsOf(Element b) {
        return new double[] {d(b, "x"), d(b, "y"), d(b, "width"), d(b, "height")};
    }

    private void extend(double[] b) {
        minX = Math.min(minX, b[0]);
        minY = Math.min(minY, b[1]);
        maxX = Math.max(maxX, b[0] + b[2]);
        maxY = Math.max(maxY, b[1] + b[3]);
    }

    private static double area(double[] b) {
        return b[2] * b[3];
    }

    private static double d(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** The first direct child with the name, or null. */
    private static Element first(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        NodeList deep = parent.getElementsByTagNameNS(namespace, localName);
        return deep.getLength() == 0 ? null : (Element) deep.item(0);
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** Coordinates as short as they can be: no trailing zeros, at most one decimal. */
    static String n(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.1f", rounded);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
