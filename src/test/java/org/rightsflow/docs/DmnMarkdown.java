package org.rightsflow.docs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A DMN file's decision tables as Markdown: the inputs and outputs, and one row per rule with its entries and the
 * description that says why, so that a reader sees the rules a privacy officer maintains in the Modeler.
 */
final class DmnMarkdown {

    private DmnMarkdown() {
    }

    static String render(Path dmnFile, String relativeToRepository) {
        Element definitions = parse(dmnFile);
        StringBuilder md = new StringBuilder("# ").append(attribute(definitions, "name", dmnFile.getFileName().toString()))
                .append("\n\nGenerated from [`").append(relativeToRepository).append("`](../../")
                .append(relativeToRepository).append("): do not edit; change the model in Camunda Modeler and regenerate\n")
                .append("with `").append(DecisionTablesTest.REGENERATE).append("`.\n");
        for (Element decision : children(definitions, "decision")) {
            md.append("\n## ").append(attribute(decision, "name", decision.getAttribute("id")))
                    .append(" (`").append(decision.getAttribute("id")).append("`)\n\n");
            Element description = child(decision, "description");
            if (description != null) {
                md.append(description.getTextContent().strip()).append("\n\n");
            }
            Element table = child(decision, "decisionTable");
            if (table == null) {
                md.append("(no decision table)\n");
                continue;
            }
            md.append("Hit policy: `").append(attribute(table, "hitPolicy", "UNIQUE")).append("`.\n\n");
            List<Element> inputs = children(table, "input");
            List<Element> outputs = children(table, "output");
            md.append("| input | expression | type |\n|---|---|---|\n");
            for (Element input : inputs) {
                Element expression = child(input, "inputExpression");
                md.append("| ").append(cell(input.getAttribute("label"))).append(" | `")
                        .append(cell(expression == null ? "" : text(expression))).append("` | ")
                        .append(expression == null ? "" : expression.getAttribute("typeRef")).append(" |\n");
            }
            md.append("\n| output | variable | type |\n|---|---|---|\n");
            for (Element output : outputs) {
                md.append("| ").append(cell(output.getAttribute("label"))).append(" | `").append(output.getAttribute("name"))
                        .append("` | ").append(output.getAttribute("typeRef")).append(" |\n");
            }
            md.append("\n| rule |");
            inputs.forEach(i -> md.append(' ').append(cell(i.getAttribute("label"))).append(" |"));
            outputs.forEach(o -> md.append(' ').append(cell(o.getAttribute("label"))).append(" |"));
            md.append(" why |\n|---|").append("---|".repeat(inputs.size() + outputs.size() + 1)).append('\n');
            int number = 0;
            for (Element rule : children(table, "rule")) {
                md.append("| ").append(++number).append(" |");
                children(rule, "inputEntry").forEach(e -> md.append(' ').append(entry(e)).append(" |"));
                children(rule, "outputEntry").forEach(e -> md.append(' ').append(entry(e)).append(" |"));
                Element why = child(rule, "description");
                md.append(' ').append(why == null ? "" : cell(why.getTextContent().strip())).append(" |\n");
            }
        }
        return md.toString();
    }

    /** An entry as the Modeler shows it; an empty input entry matches anything. */
    private static String entry(Element entry) {
        String text = text(entry);
        return text.isEmpty() ? "–" : "`" + cell(text) + "`";
    }

    private static String text(Element parent) {
        Element text = child(parent, "text");
        return text == null ? "" : text.getTextContent().strip();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String attribute(Element element, String name, String otherwise) {
        return element.hasAttribute(name) ? element.getAttribute(name) : otherwise;
    }

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
