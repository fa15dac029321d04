package org.rightsflow.deadline;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The mainland-China working-day calendar in force: the built-in data (classpath, the base) with the years of the
 * administrator's calendar file ({@code rightsflow.deadline.calendar-file}) added. The file is read at start, again
 * whenever its content changes (checked every {@code calendar-poll-interval}) and on an administrator's reload
 * (staff API). A file that fails validation is rejected whole, with the file and line in the log, the health and a
 * staff notice, and the data in force stays as it was. A file that is absent adds nothing.
 */
@Component
public class MainlandCalendar implements Supplier<WorkingDayCalendar> {

    private static final Logger log = LoggerFactory.getLogger(MainlandCalendar.class);
    /** Far larger than any year's arrangement (about 40 lines): a bigger file is the wrong file. */
    private static final long MAX_FILE_BYTES = 256 * 1024;

    /** What became of the administrator's file at the last look. */
    public enum FileState {
        /** {@code rightsflow.deadline.calendar-file} is blank: built-in data only. */
        NOT_CONFIGURED,
        /** Configured but not there (yet): built-in data only. */
        ABSENT,
        /** Read and in force. */
        LOADED,
        /** Read and rejected; the data in force before stays. */
        REJECTED
    }

    /**
     * @param fileYears   the years the file adds or replaces (those in force; after a rejection, those of the last
     *                    file that was accepted)
     * @param problem     REJECTED: what is wrong, naming the file and the line
     * @param contentHash SHA-256 of the file's bytes as last read (null when absent)
     */
    public record FileStatus(String file, FileState state, SortedSet<Integer> fileYears, String problem,
                             String contentHash, Instant checkedAt) {
    }

    /** The outcome of a (re)load. */
    public record LoadResult(boolean changed, FileStatus file, SortedSet<Integer> coveredYears) {
    }

    private final WorkingDayCalendar builtIn = WorkingDayCalendar.mainlandChina();
    private final Path file;
    private final long warningDays;
    private final ApplicationEventPublisher events;
    private final TimeSource time;

    private volatile WorkingDayCalendar inForce = builtIn;
    private volatile FileStatus fileStatus;

    public MainlandCalendar(DeadlineProperties properties, ApplicationEventPublisher events, TimeSource time) {
        this.file = properties.calendarFile() == null ? null : Path.of(properties.calendarFile()).toAbsolutePath();
        this.warningDays = properties.calendarWarningBefore().toDays();
        this.events = events;
        this.time = time;
        this.fileStatus = new FileStatus(file == null ? null : file.toString(),
                file == null ? FileState.NOT_CONFIGURED : FileState.ABSENT, Collections.emptySortedSet(), null, null,
                time.now());
        if (file != null) {
            // At start nothing waits on the event yet: open requests are re-checked once the application is ready.
            load(false);
        }
        log.info("Working-day calendar in force: {} (years {})", inForce.source(), inForce.coveredYears());
    }

    /** The calendar in force. */
    @Override
    public WorkingDayCalendar get() {
        return inForce;
    }

    public FileStatus fileStatus() {
        return fileStatus;
    }

    /** How long the data in force lasts from today, and whether to warn. */
    public CalendarOutlook outlook() {
        return CalendarOutlook.of(inForce, fileStatus, DeadlineDays.dayOf(time.now()), warningDays);
    }

    /** The data built into the application (the base the file adds to). */
    public WorkingDayCalendar builtIn() {
        return builtIn;
    }

    /** The administrator's reload: reads the file now, whether or not it changed. */
    public synchronized LoadResult reload() {
        return load(true);
    }

    /** Reads the file again when its content changed since the last look (the poll). */
    @Scheduled(fixedDelayString = "${rightsflow.deadline.calendar-poll-interval:PT1M}",
            initialDelayString = "${rightsflow.deadline.calendar-poll-interval:PT1M}")
    public synchronized void reloadIfChanged() {
        if (file == null) {
            return;
        }
        String hash = read().map(Hashing::sha256Hex).orElse(null);
        if (!java.util.Objects.equals(hash, fileStatus.contentHash())) {
            load(true);
        }
    }

    private LoadResult load(boolean announce) {
        if (file == null) {
            return new LoadResult(false, fileStatus, inForce.coveredYears());
        }
        java.util.Optional<byte[]> bytes = read();
        Instant now = time.now();
        WorkingDayCalendar before = inForce;
        if (bytes.isEmpty()) {
            if (fileStatus.state() == FileState.LOADED) {
                log.warn("Working-day calendar file {} is gone: its years {} no longer apply (built-in data only)",
                        file, fileStatus.fileYears());
            }
            inForce = builtIn;
            fileStatus = new FileStatus(file.toString(), FileState.ABSENT, Collections.emptySortedSet(), null, null,
                    now);
            return finish(before, announce);
        }
        String hash = Hashing.sha256Hex(bytes.get());
        try {
            WorkingDayCalendar fromFile = WorkingDayCalendar.parse(file.toString(), lines(bytes.get()));
            SortedSet<Integer> replaced = new TreeSet<>(fromFile.coveredYears());
            replaced.retainAll(builtIn.coveredYears());
            if (!replaced.isEmpty()) {
                log.warn("Working-day calendar file {} replaces the built-in arrangement of {}", file, replaced);
            }
            inForce = builtIn.withYearsOf(fromFile);
            fileStatus = new FileStatus(file.toString(), FileState.LOADED, fromFile.coveredYears(), null, hash, now);
            log.info("Working-day calendar file {} loaded: years {}; in force: {}", file, fromFile.coveredYears(),
                    inForce.coveredYears());
        } catch (InvalidCalendarDataException e) {
            // The data in force stays; the years it took from an earlier good file stay listed.
            SortedSet<Integer> keptYears = fileStatus.state() == FileState.LOADED
                    || fileStatus.state() == FileState.REJECTED ? fileStatus.fileYears() : Collections.emptySortedSet();
            fileStatus = new FileStatus(file.toString(), FileState.REJECTED, keptYears, e.getMessage(), hash, now);
            log.error("Working-day calendar file rejected, the data in force stays (years {}): {}",
                    inForce.coveredYears(), e.getMessage());
            if (announce) {
                events.publishEvent(new CalendarFileRejected(file.toString(), e.getMessage(), hash));
            }
        }
        return finish(before, announce);
    }

    private LoadResult finish(WorkingDayCalendar before, boolean announce) {
        // A new object means new data (a rejection keeps the old one): provisional due dates are rechecked.
        boolean changed = before != inForce;
        if (changed && announce) {
            events.publishEvent(new CalendarDataChanged(inForce.coveredYears()));
        }
        return new LoadResult(changed, fileStatus, inForce.coveredYears());
    }

    private java.util.Optional<byte[]> read() {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return java.util.Optional.of(Arrays.copyOf(Files.readAllBytes(file), (int) MAX_FILE_BYTES + 1));
            }
            return java.util.Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            // unreadable (permissions, a directory): as if absent, loudly
            log.warn("Working-day calendar file {} cannot be read: {}", file, e.toString());
            return java.util.Optional.empty();
        }
    }

    private List<String> lines(byte[] bytes) {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new InvalidCalendarDataException(file.toString(), 0, "larger than " + MAX_FILE_BYTES / 1024
                    + " KB: not a calendar file");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte-order mark from a Windows editor
            }
            return text.lines().toList();
        } catch (CharacterCodingException e) {
            throw new InvalidCalendarDataException(file.toString(), 0, "not UTF-8 text");
        }
    }
}
