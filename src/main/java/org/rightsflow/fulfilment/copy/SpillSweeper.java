package org.rightsflow.fulfilment.copy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.rightsflow.common.TimeSource;
import org.rightsflow.fulfilment.download.PackageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the spill files of package builds that never finished (a node killed while building a COPY package):
 * unreadable, their key died with the process, but still disk space on the volume for personal data.
 */
@Component
public class SpillSweeper {

    /** Far longer than any build, which takes seconds to minutes: never a file another node is still writing. */
    static final Duration LEFT_BEHIND_AFTER = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(SpillSweeper.class);

    private final Path directory;
    private final TimeSource time;

    public SpillSweeper(PackageProperties packages, TimeSource time) {
        this.directory = CopyPackageWriter.spillDirectory(packages);
        this.time = time;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void sweep() {
        try {
            int deleted = CsvSpill.sweep(directory, time.now().minus(LEFT_BEHIND_AFTER));
            if (deleted > 0) {
                log.info("Deleted {} spill file(s) left by interrupted package builds", deleted);
            }
        } catch (IOException e) {
            log.warn("Cannot sweep the package spill directory: {}", e.toString());
        }
    }
}
