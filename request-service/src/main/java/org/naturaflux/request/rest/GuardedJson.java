package org.naturaflux.request.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.function.IntSupplier;

/**
 * The JSON every request body is read with ({@link RequestJsonProducer}): a parser that refuses hostile input while
 * it reads, each refusal with the JSON pointer of the value:
 * <ul>
 *   <li>every string and member name follows {@link TextRule} (control and bidi characters, length);</li>
 *   <li>numbers are finite and at most {@value #MAX_MAGNITUDE} in magnitude (no member needs more; a
 *   larger one would overflow the types behind it), written in at most {@value #MAX_NUMBER_CHARS}
 *   characters;</li>
 *   <li>nesting is at most {@value #MAX_DEPTH} levels (a GeoJSON MultiPolygon body needs 7).</li>
 * </ul>
 * Checking at the parser, not member by member, is what makes the rule hold for every member of every
 * body, those added later included. Counts of arrays are bounded by the body's size and by each member's
 * own limit (the request's constraints and rules).
 *
 * <p>The rule is for what clients send: internal JSON (stored documents, messages, a worker's error
 * text with its line breaks) is read with plain mappers of its own, not with the injected one.
 */
public final class GuardedJson {

    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_CHARS = 40;
    static final double MAX_MAGNITUDE = 1e15;

    /** A value refused while reading, with where it is. */
    public static final class InputRefused extends JsonParseException {
        private final String pointer;
        private final String problem;

        InputRefused(JsonParser parser, String pointer, String problem) {
            super(parser, pointer + ": " + problem);
            this.pointer = pointer;
            this.problem = problem;
        }

        public String pointer() {
            return pointer;
        }

        public String problem() {
            return problem;
        }
    }

    /** A factory whose parsers check as they read. */
    static final class Factory extends JsonFactory {
        private final IntSupplier maxTextSource;
        private volatile int maxText;

        /** @param maxText the text limit, asked once, when the first parser is made */
        Factory(IntSupplier maxText) {
            this.maxTextSource = maxText;
            setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_CHARS).build());
        }

        private Factory(Factory source) {
            super(source, null);
            this.maxTextSource = source.maxTextSource;
        }

        private int maxText() {
            if (maxText == 0) {
                maxText = maxTextSource.getAsInt();
            }
            return maxText;
        }

        @Override
        public JsonFactory copy() {
            return new Factory(this);
        }

        @Override
        protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
            return new Guarded(super._createParser(in, context), maxText());
        }

        @Override
        protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
            return new Guarded(super._createParser(reader, context), maxText());
        }

        @Override
        protected JsonParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
                throws IOException {
            return new Guarded(super._createParser(data, offset, length, context, recyclable), maxText());
        }

        @Override
        protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
            return new Guarded(super._createParser(data, offset, length, context), maxText());
        }

        @Override
        protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
            return new Guarded(super._createParser(input, context), maxText());
        }
    }

    /**
     * Checks each token as it comes. Every shortcut of {@link JsonParser} (nextFieldName, nextTextValue,
     * skipChildren...) goes through {@link #nextToken()}, so that none reads around the checks.
     */
    static final class Guarded extends JsonParserDelegate {
        private final int maxText;

        Guarded(JsonParser parser, int maxText) {
            super(parser);
            this.maxText = maxText;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = delegate.nextToken();
            if (token != null) {
                check(token);
            }
            return token;
        }

        private void check(JsonToken token) throws IOException {
            switch (token) {
                case FIELD_NAME -> {
                    String problem = TextRule.problem(delegate.currentName(), false, TextRule.MAX_NAME);
                    if (problem != null) {
                        throw refused("member name " + problem);
                    }
                }
                case VALUE_STRING -> {
                    // the strict rule first: the member's pointer (which may relax it) only for the few that fail it
                    String text = delegate.getText();
                    if (TextRule.problem(text, false, maxText) != null) {
                        String problem = TextRule.problemAt(pointer(), text, maxText);
                        if (problem != null) {
                            throw refused(problem);
                        }
                    }
                }
                case VALUE_NUMBER_INT -> {
                    if (delegate.getNumberType() == NumberType.BIG_INTEGER
                            || Math.abs((double) delegate.getLongValue()) > MAX_MAGNITUDE) {
                        throw refused("number out of range: at most " + BigDecimal.valueOf(MAX_MAGNITUDE).toPlainString()
                                + " in magnitude");
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    double value = delegate.getDoubleValue();
                    if (!Double.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
                        throw refused("number out of range: at most " + BigDecimal.valueOf(MAX_MAGNITUDE).toPlainString()
                                + " in magnitude");
                    }
                }
                default -> {
                }
            }
        }

        private String pointer() {
            return delegate.getParsingContext().pathAsPointer().toString();
        }

        private InputRefused refused(String problem) {
            return new InputRefused(this, pointer(), problem);
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }

        @Override
        public String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
        }

        @Override
        public boolean nextFieldName(SerializableString name) throws IOException {
            return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
        }

        @Override
        public String nextTextValue() throws IOException {
            return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
        }

        @Override
        public int nextIntValue(int defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
        }

        @Override
        public long nextLongValue(long defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
        }

        @Override
        public Boolean nextBooleanValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }

        @Override
        public JsonParser skipChildren() throws IOException {
            JsonToken current = currentToken();
            if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
                return this;
            }
            int open = 1;
            while (open > 0) {
                JsonToken token = nextToken();
                if (token == null) {
                    break;
                }
                if (token.isStructStart()) {
                    open++;
                } else if (token.isStructEnd()) {
                    open--;
                }
            }
            return this;
        }
    }

    private GuardedJson() {
    }
}
