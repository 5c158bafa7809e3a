package dev.mapwatch.bpf.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the {@code .note.stapsdt} section of an ELF64 shared object: where USDT (SystemTap /
 * DTrace) probes are declared. Each note names its provider and probe as NUL-terminated
 * strings, so a probe is present when {@code provider\0name\0} occurs in the section.
 */
final class ElfNotes {

    private final byte[] stapsdt;

    private ElfNotes(byte[] stapsdt) {
        this.stapsdt = stapsdt;
    }

    /** Reads {@code file}; throws IOException when it is not a readable little-endian ELF64 file. */
    static ElfNotes read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = read(ch, 0, 64);
            if (header.getInt(0) != 0x464c457f || header.get(4) != 2 || header.get(5) != 1) {
                throw new IOException(file + " is not a little-endian ELF64 file");
            }
            long shoff = header.getLong(0x28);
            int shentsize = Short.toUnsignedInt(header.getShort(0x3a));
            int shnum = Short.toUnsignedInt(header.getShort(0x3c));
            int shstrndx = Short.toUnsignedInt(header.getShort(0x3e));
            ByteBuffer sections = read(ch, shoff, shentsize * shnum);
            ByteBuffer names = section(ch, sections, shentsize, shstrndx);
            for (int i = 0; i < shnum; i++) {
                int nameOffset = sections.getInt(i * shentsize);
                if (".note.stapsdt".equals(cString(names, nameOffset))) {
                    ByteBuffer notes = section(ch, sections, shentsize, i);
                    byte[] bytes = new byte[notes.remaining()];
                    notes.get(bytes);
                    return new ElfNotes(bytes);
                }
            }
            return new ElfNotes(new byte[0]);
        }
    }

    /** Whether the file declares any USDT probe at all. */
    boolean hasUsdtProbes() {
        return stapsdt.length > 0;
    }

    /** Whether the probe {@code provider:name} is declared. */
    boolean hasProbe(String provider, String name) {
        byte[] needle = (provider + "\0" + name + "\0").getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= stapsdt.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (stapsdt[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static ByteBuffer section(FileChannel ch, ByteBuffer sections, int shentsize, int index)
            throws IOException {
        int base = index * shentsize;
        long offset = sections.getLong(base + 0x18);
        long size = sections.getLong(base + 0x20);
        if (size > 64L << 20) {
            throw new IOException("ELF section too large: " + size);
        }
        return read(ch, offset, (int) size);
    }

    private static ByteBuffer read(FileChannel ch, long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("ELF file truncated");
            }
        }
        return buffer.flip();
    }

    private static String cString(ByteBuffer buffer, int offset) {
        int end = offset;
        while (end < buffer.limit() && buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
