package io.ringmaster.parse;

import io.ringmaster.error.Position;
import io.ringmaster.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a playbook, inventory, vars or template file as UTF-8, refusing one larger than {@link
 * #MAX_BYTES} before reading it whole: a regular file by its size, anything else ({@code
 * /dev/zero}, a FIFO) after at most that many bytes.
 */
public final class TextFile {
    /**
     * 8 MiB: a generated inventory of 100k hosts fits; a mistake such as a disk image or /dev/zero
     * does not.
     */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private TextFile() {}

    public static String read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new UserError(Position.of(file), "is a directory, not a file", "name a file");
            }
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw tooLarge(file, Files.size(file) + " bytes");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(file, "more than " + MAX_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new UserError(
                    Position.of(file),
                    "the file does not exist",
                    "check the path and its spelling");
        } catch (CharacterCodingException e) {
            throw new UserError(
                    Position.of(file), "the file is not UTF-8 text", "save it as UTF-8");
        } catch (IOException e) {
            throw new UserError(
                    Position.of(file),
                    "cannot read the file: " + e.getMessage(),
                    "check that it is a readable file");
        }
    }

    private static UserError tooLarge(Path file, String size) {
        return new UserError(
                Position.of(file),
                "the file is too large ("
                        + size
                        + "; the limit is "
                        + MAX_BYTES / (1024 * 1024)
                        + " MiB)",
                "check the path: playbooks, inventories, vars files and "
                        + "templates are text; split a generated file that really is this large");
    }
}
