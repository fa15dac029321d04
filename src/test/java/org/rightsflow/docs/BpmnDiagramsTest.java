package org.rightsflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/diagrams holds one SVG per processes/*.bpmn, drawn from the model's own diagram ({@link BpmnSvg}); a model
 * change without its drawing fails here with the command that redraws them all.
 */
class BpmnDiagramsTest {

    static final String REGENERATE = "mvn -B -q test -Dtest=BpmnDiagramsTest -Ddocs.regenerate=true";

    @Test
    void everyModelsDiagramIsDrawnAndCurrent() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(RepositoryFiles.ROOT.resolve("processes"))) {
            models = files.filter(p -> p.getFileName().toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(models).isNotEmpty();
        Map<String, String> drawings = new TreeMap<>();
        for (Path model : models) {
            drawings.put(baseName(model) + ".svg", BpmnSvg.render(model));
        }
        Path directory = RepositoryFiles.ROOT.resolve("docs/diagrams");
        GeneratedFiles.check(directory, ".svg", drawings, REGENERATE);
        GeneratedFiles.check(directory, ".md", Map.of("README.md", index(models)), REGENERATE);
    }

    /** docs/diagrams/README.md: every model with its processes' names, documentation and drawing. */
    private static String index(List<Path> models) {
        StringBuilder md = new StringBuilder("""
                # Diagrams of the process models

                Drawn by the build from each model's own BPMN diagram: do not edit these files; change the model
                and redraw ([processes.md](../processes.md#diagrams) says how). What the models keep true is in
                [processes.md](../processes.md), how a request moves through them in [lifecycle.md](../lifecycle.md).

                """);
        for (Path model : models) {
            for (BpmnSvg.ProcessSummary process : BpmnSvg.processes(model)) {
                md.append("- [").append(process.name().isEmpty() ? process.id() : process.name()).append("](#")
                        .append(MarkdownSlugs.slug(heading(process))).append(")\n");
            }
        }
        for (Path model : models) {
            for (BpmnSvg.ProcessSummary process : BpmnSvg.processes(model)) {
                md.append("\n## ").append(heading(process)).append("\n\n")
                        .append("[`processes/").append(model.getFileName()).append("`](../../processes/")
                        .append(model.getFileName()).append(")\n\n");
                if (!process.documentation().isEmpty()) {
                    md.append(process.documentation()).append("\n\n");
                }
                md.append("![").append(process.id()).append("](").append(baseName(model)).append(".svg)\n");
            }
        }
        return md.toString();
    }

    private static String heading(BpmnSvg.ProcessSummary process) {
        return process.name().isEmpty() ? process.id() : process.name() + " (" + process.id() + ")";
    }

    private static String baseName(Path model) {
        return model.getFileName().toString().replaceFirst("\\.bpmn$", "");
    }

    @Test
    void aDrawingShowsEveryShapeEdgeAndName() throws IOException {
        Path model = Files.createTempFile("model", ".bpmn");
        try {
            Files.writeString(model, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                        xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                        xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                        id="Definitions" targetNamespace="test">
                      <bpmn:process id="TestProcess" name="Test &amp; more">
                        <bpmn:startEvent id="Start" name="Filed"><bpmn:timerEventDefinition/></bpmn:startEvent>
                        <bpmn:userTask id="Review" name="Review the request"/>
                        <bpmn:endEvent id="End"/>
                        <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review"/>
                        <bpmn:sequenceFlow id="F2" name="done" sourceRef="Review" targetRef="End"/>
                      </bpmn:process>
                      <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="TestProcess">
                        <bpmndi:BPMNShape id="S1" bpmnElement="Start"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
                        <bpmndi:BPMNShape id="S2" bpmnElement="Review"><dc:Bounds x="200" y="78" width="100" height="80"/></bpmndi:BPMNShape>
                        <bpmndi:BPMNShape id="S3" bpmnElement="End"><dc:Bounds x="400" y="100" width="36" height="36"/></bpmndi:BPMNShape>
                        <bpmndi:BPMNEdge id="E1" bpmnElement="F1"><di:waypoint x="136" y="118"/><di:waypoint x="200" y="118"/></bpmndi:BPMNEdge>
                        <bpmndi:BPMNEdge id="E2" bpmnElement="F2"><di:waypoint x="300" y="118"/><di:waypoint x="400" y="118"/></bpmndi:BPMNEdge>
                      </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
                    </bpmn:definitions>
                    """);
            String svg = BpmnSvg.render(model);
            assertThat(svg).contains("<title>TestProcess (Test &amp; more)</title>")
                    .contains("viewBox=\"53 58 403 120\"")
                    .contains("<rect class=\"activity\" x=\"200\" y=\"78\" width=\"100\" height=\"80\" rx=\"10\"/>")
                    .contains("<circle class=\"event end\" cx=\"418\" cy=\"118\" r=\"18\"/>")
                    .contains("d=\"M136,118 L200,118\" marker-end=\"url(#arrow)\"")
                    .contains(">Review the<").contains(">request<").contains(">Filed<").contains(">done<");
            assertThat(svg.split("<path class=\"flow\"", -1)).hasSize(3);
        } finally {
            Files.delete(model);
        }
    }

    @Test
    void labelsWrapByWordsAndBetweenChineseCharacters() {
        assertThat(BpmnSvg.wrap("Send verification codes", 90)).containsExactly("Send", "verification", "codes");
        assertThat(BpmnSvg.wrap("Plan erasure per category", 88)).containsExactly("Plan erasure", "per category");
        assertThat(BpmnSvg.wrap("PARTIALLY_COMPLETED or REFUSED", 60)).containsExactly("PARTIALLY_COMPLETED", "or", "REFUSED");
        assertThat(BpmnSvg.wrap("核验身份后发送结果通知", 60)).containsExactly("核验身份后", "发送结果通", "知");
        assertThat(BpmnSvg.n(12.0)).isEqualTo("12");
        assertThat(BpmnSvg.n(12.25)).isEqualTo("12.3");
    }
}
