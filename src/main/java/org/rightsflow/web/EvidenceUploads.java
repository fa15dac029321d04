package org.rightsflow.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.rightsflow.identity.RelativeEvidence;
import org.springframework.web.multipart.MultipartFile;

/** The files of an evidence upload (the API's and the Privacy Center's form) as the evidence service reads them. */
public final class EvidenceUploads {

    private EvidenceUploads() {
    }

    /** Every file sent; a file field left empty is no file. */
    public static List<RelativeEvidence.Upload> of(List<MultipartFile> files) {
        return files == null ? List.of()
                : files.stream().filter(f -> !f.isEmpty()).<RelativeEvidence.Upload>map(EvidenceUploads::upload).toList();
    }

    private static RelativeEvidence.Upload upload(MultipartFile file) {
        return new RelativeEvidence.Upload() {
            @Override
            public long size() {
                return file.getSize();
            }

            @Override
            public InputStream open() throws IOException {
                return file.getInputStream();
            }
        };
    }
}
