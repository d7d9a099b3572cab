package org.naturaflux.format.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes already in their final JSON form, handed to a generator to be copied as they are: a string's
 * content, escaped ({@link #stringContent}: for {@code writeString}, which adds the quotes), or a whole
 * value ({@link #value}: for {@code writeRawValue}). Jackson's {@code SerializedString} would also keep the
 * text as a {@code String}; this keeps the bytes only, which is what a cached geometry needs. Both the
 * "quoted" and "unquoted" forms Jackson asks for are these bytes. Immutable (the array is never changed).
 */
public final class JsonBytes implements SerializableString {

    private final byte[] utf8;

    private JsonBytes(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The escaped content of a JSON string holding {@code text} (without the quotes). */
    public static JsonBytes stringContent(String text) {
        return new JsonBytes(JsonStringEncoder.getInstance().quoteAsUTF8(text));
    }

    /** A JSON value's UTF-8 bytes, written as they are (the array is kept, not copied). */
    public static JsonBytes value(byte[] utf8) {
        return new JsonBytes(utf8);
    }

    /** The number of bytes. */
    public int size() {
        return utf8.length;
    }

    @Override
    public String getValue() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return getValue().toCharArray();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return utf8;
    }

    @Override
    public byte[] asQuotedUTF8() {
        return utf8;
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return appendUnquotedUTF8(buffer, offset);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + utf8.length > buffer.length) {
            return -1;
        }
        System.arraycopy(utf8, 0, buffer, offset, utf8.length);
        return utf8.length;
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return appendUnquoted(buffer, offset);
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        char[] chars = asQuotedChars();
        if (offset + chars.length > buffer.length) {
            return -1;
        }
        System.arraycopy(chars, 0, buffer, offset, chars.length);
        return chars.length;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return writeUnquotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8);
        return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return putUnquotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < utf8.length) {
            return -1;
        }
        buffer.put(utf8);
        return utf8.length;
    }

    @Override
    public String toString() {
        return getValue();
    }
}
