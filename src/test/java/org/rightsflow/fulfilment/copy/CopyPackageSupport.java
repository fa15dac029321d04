package org.rightsflow.fulfilment.copy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.rightsflow.datamap.DataCategory;

/** Reading a downloaded package in tests: its entries, and its CSV files as RFC 4180 says. */
public final class CopyPackageSupport {

    private CopyPackageSupport() {
    }

    public static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** The entries of a package with a profile and data in every category, in their order. */
    private static final org.rightsflow.datamap.DataMap DEFAULT_MAP =
            org.rightsflow.datamap.DataMap.load(org.rightsflow.datamap.DataMap.DEFAULT_LOCATIONS);

    /**
     * The file name (without extension) of a category's rows from the first system that maps it: a category held by
     * several systems gets the system's id (the demo's consents: consents-account-system, consents-billing-system).
     */
    static String base(DataCategory category) {
        var mappings = DEFAULT_MAP.mappings(category);
        return category.name().toLowerCase(Locale.ROOT)
                + (mappings.size() > 1 ? "-" + mappings.get(0).system().id() : "");
    }

    /** Every file when each system holds rows of each category it maps (a category of two systems: two files). */
    static List<String> entriesOfEverySystem() {
        List<String> entries = new ArrayList<>(List.of("index.html", "profile.json", "profile.csv"));
        for (DataCategory category : DataCategory.values()) {
            var mappings = DEFAULT_MAP.mappings(category);
            for (var mapped : mappings) {
                String base = category.name().toLowerCase(Locale.ROOT)
                        + (mappings.size() > 1 ? "-" + mapped.system().id() : "");
                entries.add(base + ".json");
                entries.add(base + ".csv");
            }
        }
        return entries;
    }

    static List<String> entriesOfEveryCategory() {
        List<String> entries = new ArrayList<>(List.of("index.html", "profile.json", "profile.csv"));
        for (DataCategory category : DataCategory.values()) {
            String base = base(category);
            entries.add(base + ".json");
            entries.add(base + ".csv");
        }
        return entries;
    }

    /** The records of a CSV file (header first), without the byte order mark. */
    public static List<List<String>> csv(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        if (!record.isEmpty() || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
