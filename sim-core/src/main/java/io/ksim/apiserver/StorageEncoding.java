package io.ksim.apiserver;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.ksim.api.KubeJson;
import io.ksim.api.core.Container;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.KubeObject;
import java.io.IOException;
import java.util.Set;

/**
 * The JSON encoding of stored objects, byte for byte {@link KubeJson#json()}'s, made cheaper for the way
 * objects change: every write encodes the whole object to count its bytes as etcd would, while most writes
 * change a small part of an object and keep the rest as the very same (immutable) instances. Binding a pod,
 * for one, makes a new PodSpec with a node name but keeps its containers and volumes, which are most of the
 * pod's JSON.
 *
 * <p>So the encodings of the large parts that versions share (containers, volumes, pod templates) are kept
 * by identity, weakly and for a bounded number of recent instances, and written as they are into the next
 * encoding. Compact JSON of a value does not depend on where it is written, so the bytes are those the whole
 * encoding would produce.
 */
final class StorageEncoding {

    /** The classes whose encodings are kept: large, and carried unchanged from version to version. */
    private static final Set<Class<?>> SHARED_PARTS = Set.of(Container.class, Volume.class, PodTemplateSpec.class);
    /** Enough for the parts of the objects written recently; older ones are encoded again if written again. */
    private static final int KEPT = 32768;

    private static final ObjectWriter PLAIN = KubeJson.json().writer();
    private static final ObjectWriter WRITER;

    static {
        Cache<Object, SerializedString> kept = CacheBuilder.newBuilder().weakKeys().maximumSize(KEPT).build();
        SimpleModule module = new SimpleModule("ksim-storage-encoding");
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription desc,
                    JsonSerializer<?> serializer) {
                return SHARED_PARTS.contains(desc.getBeanClass()) ? new KeptEncoding(serializer, kept) : serializer;
            }
        });
        ObjectMapper mapper = KubeJson.json().copy().registerModule(module);
        WRITER = mapper.writer();
    }

    private StorageEncoding() {
    }

    /** The object's JSON, as {@code KubeJson.json().writeValueAsBytes(object)} gives it. */
    static byte[] encode(KubeObject object) throws JsonProcessingException {
        return WRITER.writeValueAsBytes(object);
    }

    /** The length of {@link #encode}'s bytes, counted as they are written rather than collected. */
    static int size(KubeObject object) throws IOException {
        ByteCount count = new ByteCount();
        WRITER.writeValue(count, object);
        return Math.toIntExact(count.bytes);
    }

    /** An output stream that only counts. */
    private static final class ByteCount extends java.io.OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /** Writes a shared part from its kept encoding, encoding it once (with the plain mapper) when not kept. */
    private static final class KeptEncoding extends StdSerializer<Object> {
        private final JsonSerializer<Object> plain;
        private final Cache<Object, SerializedString> kept;

        @SuppressWarnings("unchecked")
        KeptEncoding(JsonSerializer<?> plain, Cache<Object, SerializedString> kept) {
            super(Object.class);
            this.plain = (JsonSerializer<Object>) plain;
            this.kept = kept;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            SerializedString json = kept.getIfPresent(value);
            if (json == null) {
                json = new SerializedString(PLAIN.writeValueAsString(value));
                kept.put(value, json);
            }
            gen.writeRawValue(json);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            return plain.isEmpty(provider, value);
        }
    }
}
