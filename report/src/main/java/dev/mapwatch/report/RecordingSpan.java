package dev.mapwatch.report;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * What the chunk headers of a JFR file say: where the recording starts and ends and how many
 * chunks it has. Reading them first (a few bytes per chunk) checks that the file is a complete
 * recording before the slow parse, so a wrong, cut or corrupt file gets one clear reason, and
 * gives the progress display its time range.
 *
 * @param bytes  file size
 * @param chunks number of chunks
 * @param start  start of the first chunk
 * @param end    end of the last chunk
 */
record RecordingSpan(long bytes, int chunks, Instant start, Instant end) {
    /** "FLR\0", the magic number every JFR chunk starts with. */
    private static final int MAGIC = 0x464c5200;

    /** Magic, version, size, three offsets, start, duration: the part of a header read here. */
    private static final int HEADER_BYTES = 4 + 2 + 2 + 8 * 6;

    Duration duration() {
        return Duration.between(start, end);
    }

    /**
     * Reads the chunk headers of {@code file}.
     *
     * @throws UnreadableRecordingException naming why the file is not a complete JFR recording
     */
    static RecordingSpan of(Path file) throws UnreadableRecordingException {
        if (Files.isDirectory(file)) {
            throw new UnreadableRecordingException("a directory, not a file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                throw new UnreadableRecordingException("the file is empty");
            }
            long position = 0;
            int chunks = 0;
            long startNanos = Long.MAX_VALUE;
            long endNanos = Long.MIN_VALUE;
            while (position < size) {
                channel.position(position);
                DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
                if (size - position < 4 || in.readInt() != MAGIC) {
                    throw new UnreadableRecordingException(
                            position == 0
                                    ? "no JFR magic number at the start of the file"
                                    : "no JFR chunk header at byte "
                                            + position
                                            + " (corrupt file)");
                }
                if (size - position < HEADER_BYTES) {
                    throw new UnreadableRecordingException(
                            "truncated: the file ends inside the chunk header at byte " + position);
                }
                int major = in.readUnsignedShort();
                in.readUnsignedShort(); // minor
                if (major < 1 || major > 2) {
                    throw new UnreadableRecordingException(
                            "unsupported JFR format version " + major);
                }
                long chunkSize = in.readLong();
                in.readLong(); // constant pool offset
                in.readLong(); // metadata offset
                long chunkStart = in.readLong();
                long chunkDuration = in.readLong();
                if (chunkSize < HEADER_BYTES) {
                    throw new UnreadableRecordingException(
                            "chunk at byte "
                                    + position
                                    + " is unfinished (the recording was still being written)");
                }
                if (chunkSize > size - position) {
                    throw truncated(position, size, chunkSize);
                }
                chunks++;
                startNanos = Math.min(startNanos, chunkStart);
                endNanos = Math.max(endNanos, chunkStart + Math.max(0, chunkDuration));
                position += chunkSize;
            }
            return new RecordingSpan(size, chunks, instant(startNanos), instant(endNanos));
        } catch (NoSuchFileException e) {
            throw new UnreadableRecordingException("no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableRecordingException("permission denied");
        } catch (EOFException e) {
            throw new UnreadableRecordingException("truncated (ends inside a chunk header)");
        } catch (IOException e) {
            throw new UnreadableRecordingException("cannot read it: " + e.getMessage(), e);
        }
    }

    private static UnreadableRecordingException truncated(
            long position, long size, long chunkSize) {
        return new UnreadableRecordingException(
                "truncated: the chunk at byte "
                        + position
                        + " declares "
                        + chunkSize
                        + " bytes but the file has only "
                        + (size - position)
                        + " from there");
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }
}
