package org.rightsflow.fulfilment.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rightsflow.common.TimeSource;
import org.rightsflow.fulfilment.download.PackageProperties;

class SpillSweeperTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path storage;

    @Test
    void deletesOnlySpillFilesLeftBehindLongerThanADay() throws IOException {
        Path spills = Files.createDirectories(CopyPackageWriter.spillDirectory(
                new PackageProperties(storage, "a-test-master-key-of-at-least-32-characters")));
        Path leftByACrash = spill(spills, "copy-1.csv.spill", NOW.minus(Duration.ofHours(25)));
        Path beingWritten = spill(spills, "copy-2.csv.spill", NOW.minus(Duration.ofMinutes(5)));
        Path somethingElse = spill(spills, "notes.txt", NOW.minus(Duration.ofDays(30)));
        TimeSource time = new TimeSource();
        time.useClock(Clock.fixed(NOW, ZoneOffset.UTC));

        new SpillSweeper(new PackageProperties(storage, "a-test-master-key-of-at-least-32-characters"), time).sweep();

        assertThat(leftByACrash).doesNotExist();
        assertThat(beingWritten).as("a build may still be writing it").exists();
        assertThat(somethingElse).as("not ours").exists();
    }

    @Test
    void aMissingDirectoryIsNothingToSweep() throws IOException {
        assertThat(CsvSpill.sweep(storage.resolve("never-created"), NOW)).isZero();
    }

    private static Path spill(Path directory, String name, Instant modified) throws IOException {
        Path file = Files.write(directory.resolve(name), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
