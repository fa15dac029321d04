package org.rightsflow.request;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * What a closed request keeps of its status history, its systems' steps, its notices and its downloads' records once
 * its records are reduced
 * (docs/retention.md, "A closed request's records"): the same facts as the rows they replace, in one compressed value
 * on the request's row ({@code rights_request.reduced_record}) instead of a row and index entries each. Read back by
 * {@link RequestRepository#history}, the systems' steps and the notices of the request's page and evidence pack, so a
 * reduced request reads as before. Version 1: one version byte, then deflated JSON {@code {"statusHistory": [[status,
 * at], …], "systemSteps": [{column: value, …}, …], "notices": […], "downloads": […]}} (each step, notice and download
 * with the columns its table held that are kept, as text; times as ISO-8601 instants).
 */
public record ReducedRecord(List<StatusChange> statusHistory, List<Map<String, String>> systemSteps,
                            List<Map<String, String>> notices, List<Map<String, String>> downloads) {

    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ReducedRecord {
        statusHistory = List.copyOf(statusHistory);
        systemSteps = List.copyOf(systemSteps);
        notices = List.copyOf(notices);
        downloads = List.copyOf(downloads);
    }

    public byte[] encode() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusHistory", statusHistory.stream().map(s -> List.of(s.status().name(), s.at().toString())).toList());
        json.put("systemSteps", systemSteps);
        json.put("notices", notices);
        json.put("downloads", downloads);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(VERSION);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater)) {
            JSON.writeValue(out, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    private static List<Map<String, String>> columns(Object rows) {
        List<Map<String, String>> list = new ArrayList<>();
        for (Object row : rows == null ? List.of() : (List<?>) rows) {
            Map<String, String> columns = new LinkedHashMap<>();
            ((Map<?, ?>) row).forEach((k, v) -> columns.put((String) k, v == null ? null : v.toString()));
            list.add(columns);
        }
        return list;
    }

    public static ReducedRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < 2 || bytes[0] != VERSION) {
            throw new IllegalStateException("a reduced record of an unknown form");
        }
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(bytes, 1,
                bytes.length - 1))) {
            Map<String, Object> json = JSON.readValue(in, new TypeReference<Map<String, Object>>() {
            });
            List<StatusChange> history = new ArrayList<>();
            for (Object entry : (List<?>) json.getOrDefault("statusHistory", List.of())) {
                List<?> pair = (List<?>) entry;
                history.add(new StatusChange(RequestStatus.valueOf((String) pair.get(0)),
                        Instant.parse((String) pair.get(1))));
            }
            return new ReducedRecord(history, columns(json.get("systemSteps")), columns(json.get("notices")),
                    columns(json.get("downloads")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
