package io.ksim.apiserver;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.StatusCause;
import io.ksim.kernel.Kernel;
import io.ksim.store.Compare;
import io.ksim.store.DeleteRangeRequest;
import io.ksim.store.KeyValue;
import io.ksim.store.MvccStore;
import io.ksim.store.PutRequest;
import io.ksim.store.RangeRequest;
import io.ksim.store.RangeResponse;
import io.ksim.store.TxnRequest;
import io.ksim.store.TxnResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The generic storage of one resource over the etcd model: upstream's genericregistry.Store. It owns
 * what every resource shares: keys, names and uids, creation timestamps, resourceVersions, optimistic
 * concurrency (409 Conflict), no-op updates, graceful deletion and finalizers. What differs per resource is
 * in its {@link Strategy}.
 *
 * <p>resourceVersion is the etcd mod_revision of the object. Because the simulation has one thread, the
 * revision a write will get is known before the write (current + 1); the object is stored with it already
 * set, so reads hand out the stored value itself, without a copy.
 */
final class RegistryStore<T extends KubeObject> {

    private static final int GENERATE_NAME_ATTEMPTS = 8;

    private final ResourceType<T> type;
    private final MvccStore etcd;
    private final Kernel kernel;
    private final NameGenerator names;

    RegistryStore(ResourceType<T> type, MvccStore etcd, Kernel kernel, NameGenerator names) {
        this.type = type;
        this.etcd = etcd;
        this.kernel = kernel;
        this.names = names;
    }

    ResourceType<T> type() {
        return type;
    }

    // ---- reads ----------------------------------------------------------------------------------

    T get(String namespace, String name) {
        T obj = read(type.key(namespace, name));
        if (obj == null) {
            throw ApiErrors.notFound(type.groupResource(), name);
        }
        return obj;
    }

    /** Null if absent. */
    T find(String namespace, String name) {
        return read(type.key(namespace, name));
    }

    ObjectList<T> list(String namespace, Predicate<? super T> filter) {
        RangeResponse r = etcd.range(RangeRequest.prefix(type.keyPrefix(namespace)));
        List<T> items = new ArrayList<>(r.kvs().size());
        for (KeyValue kv : r.kvs()) {
            T obj = decode(kv);
            if (filter.test(obj)) {
                items.add(obj);
            }
        }
        return new ObjectList<>(items, Long.toString(r.headerRevision()), null, null);
    }

    // ---- create ---------------------------------------------------------------------------------

    /** Creates a defaulted, admitted object; sets name (generateName), uid, creationTimestamp, resourceVersion. */
    T create(T obj) {
        ObjectMeta meta = obj.metadata();
        if (meta.resourceVersion() != null && !meta.resourceVersion().isEmpty()) {
            throw ApiErrors.badRequest("resourceVersion should not be set on objects to be created");
        }
        boolean generated = isEmpty(meta.name()) && !isEmpty(meta.generateName());
        for (int attempt = 0; ; attempt++) {
            String name = generated ? names.generateName(meta.generateName()) : meta.name();
            // The strategy sees the system fields (a Job's generated selector holds its uid), as upstream's
            // BeforeCreate runs PrepareForCreate on an object whose uid is already filled in.
            T candidate = type.strategy().prepareForCreate(withMeta(obj, meta.toBuilder()
                    .name(name)
                    .uid(names.uid())
                    .creationTimestamp(now())
                    .deletionTimestamp(null)
                    .deletionGracePeriodSeconds(null)
                    .build()));
            List<StatusCause> causes = new ArrayList<>(
                    MetadataValidation.validate(candidate.metadata(), type.namespaced(), type.nameValidator()));
            causes.addAll(type.strategy().validate(candidate));
            validate(candidate, causes);
            String key = type.key(candidate.metadata().namespace(), name);
            T stored = stamp(candidate);
            TxnResponse r = etcd.txn(TxnRequest.when(Compare.createRevision(key, Compare.Result.EQUAL, 0),
                    PutRequest.of(key, new StoredObject(stored))));
            if (r.succeeded()) {
                checkRevision(stored, r.headerRevision());
                return stored;
            }
            if (!generated) {
                throw ApiErrors.alreadyExists(type.groupResource(), name);
            }
            if (attempt + 1 == GENERATE_NAME_ATTEMPTS) {
                throw ApiErrors.generateNameConflict(type.groupResource(), name);
            }
        }
    }

    // ---- update ---------------------------------------------------------------------------------

    /**
     * Replaces the object (or, with {@code status}, its status subresource). A non-empty resourceVersion must
     * be the current one (else 409 Conflict); an empty one updates unconditionally. An update that changes
     * nothing writes nothing and returns the current object.
     */
    T update(T obj, boolean status) {
        String namespace = obj.metadata().namespace();
        String name = obj.metadata().name();
        String key = type.key(namespace, name);
        KeyValue current = currentKv(key);
        if (current == null) {
            if (!status && type.strategy().allowCreateOnUpdate()) {
                return create(withMeta(obj, obj.metadata().withResourceVersion(null)));
            }
            throw ApiErrors.notFound(type.groupResource(), name);
        }
        T old = decode(current);
        String rv = obj.metadata().resourceVersion();
        if (rv != null && !rv.isEmpty() && !rv.equals(old.metadata().resourceVersion())) {
            throw ApiErrors.staleUpdate(type.groupResource(), name);
        }
        String uid = obj.metadata().uid();
        if (uid != null && !uid.isEmpty() && !uid.equals(old.metadata().uid())) {
            throw ApiErrors.conflict(type.groupResource(), name, "Precondition failed: UID in precondition: "
                    + old.metadata().uid() + ", UID in object meta: " + uid);
        }
        T prepared = status ? type.strategy().prepareForStatusUpdate(obj, old) : type.strategy().prepareForUpdate(obj, old);
        // Server-owned metadata cannot be changed by an update.
        T candidate = withMeta(prepared, prepared.metadata().toBuilder()
                .uid(old.metadata().uid())
                .creationTimestamp(old.metadata().creationTimestamp())
                .deletionTimestamp(old.metadata().deletionTimestamp())
                .deletionGracePeriodSeconds(old.metadata().deletionGracePeriodSeconds())
                .resourceVersion(old.metadata().resourceVersion())
                .build());
        validate(candidate, type.strategy().validateUpdate(candidate, old));
        if (candidate.equals(old)) {
            return old;
        }
        if (shouldDeleteDuringUpdate(candidate, old) && !type.strategy().deletionBlocked(candidate)) {
            return remove(key, current, candidate);
        }
        return writeStamped(key, current, candidate, name);
    }

    /**
     * A read-modify-write of one object by the server itself (a subresource such as pods/binding), as
     * upstream's GuaranteedUpdate: {@code mutate} sees the current object and returns the new one (or throws
     * to refuse); the write is conditional on the object not having changed meanwhile.
     */
    T guaranteedUpdate(String namespace, String name, java.util.function.UnaryOperator<T> mutate) {
        String key = type.key(namespace, name);
        KeyValue current = currentKv(key);
        if (current == null) {
            throw ApiErrors.notFound(type.groupResource(), name);
        }
        T old = decode(current);
        T updated = mutate.apply(old);
        T candidate = withMeta(updated, updated.metadata().withResourceVersion(old.metadata().resourceVersion()));
        if (candidate.equals(old)) {
            return old;
        }
        return writeStamped(key, current, candidate, name);
    }

    /** Upstream's rule: an object being deleted whose last finalizer goes, with no grace period left, is removed. */
    private static boolean shouldDeleteDuringUpdate(KubeObject obj, KubeObject old) {
        if (!obj.metadata().finalizers().isEmpty() || old.metadata().deletionTimestamp() == null) {
            return false;
        }
        Long grace = old.metadata().deletionGracePeriodSeconds();
        return grace == null || grace == 0;
    }

    // ---- delete ---------------------------------------------------------------------------------

    /** The outcome of a delete: the object, and whether it is gone or only marked for deletion. */
    record Deleted<T extends KubeObject>(T object, boolean removed) {
    }

    Deleted<T> delete(String namespace, String name, DeleteOptions options) {
        String key = type.key(namespace, name);
        KeyValue current = currentKv(key);
        if (current == null) {
            throw ApiErrors.notFound(type.groupResource(), name);
        }
        T old = decode(current);
        checkPreconditions(old, options);
        ObjectMeta meta = old.metadata();
        List<String> finalizers = propagationFinalizers(meta.finalizers(), options.propagationPolicy());
        long grace = type.strategy().gracePeriodSeconds(old, options.gracePeriodSeconds());
        if (meta.deletionTimestamp() != null) {
            // Already being deleted: a shorter grace period moves the deadline closer; nothing else changes.
            Long pending = meta.deletionGracePeriodSeconds();
            if (pending != null && pending > 0 && grace < pending) {
                if (grace == 0 && finalizers.isEmpty()) {
                    return new Deleted<>(remove(key, current, old), true);
                }
                T shortened = withMeta(old, meta.toBuilder().deletionTimestamp(now().plusSeconds(grace))
                        .deletionGracePeriodSeconds(grace).finalizers(finalizers).build());
                return new Deleted<>(writeStamped(key, current, shortened, name), false);
            }
            return new Deleted<>(old, false);
        }
        if (grace > 0 || !finalizers.isEmpty() || type.strategy().deletionBlocked(old)) {
            T marked = withMeta(type.strategy().markForDeletion(old), meta.toBuilder()
                    .deletionTimestamp(now().plusSeconds(grace))
                    .deletionGracePeriodSeconds(grace)
                    .finalizers(finalizers)
                    .build());
            return new Deleted<>(writeStamped(key, current, marked, name), false);
        }
        return new Deleted<>(remove(key, current, old), true);
    }

    /** Adds or removes the orphan / foregroundDeletion finalizers the propagation policy asks for. */
    private static List<String> propagationFinalizers(List<String> existing, String policy) {
        List<String> out = new ArrayList<>(existing);
        if (DeleteOptions.ORPHAN.equals(policy)) {
            out.remove(Finalizers.FOREGROUND_DELETION);
            if (!out.contains(Finalizers.ORPHAN)) {
                out.add(Finalizers.ORPHAN);
            }
        } else if (DeleteOptions.FOREGROUND.equals(policy)) {
            out.remove(Finalizers.ORPHAN);
            if (!out.contains(Finalizers.FOREGROUND_DELETION)) {
                out.add(Finalizers.FOREGROUND_DELETION);
            }
        } else if (DeleteOptions.BACKGROUND.equals(policy)) {
            out.remove(Finalizers.ORPHAN);
            out.remove(Finalizers.FOREGROUND_DELETION);
        }
        return out;
    }

    private void checkPreconditions(T old, DeleteOptions options) {
        ObjectMeta meta = old.metadata();
        if (options.preconditionUid() != null && !options.preconditionUid().equals(meta.uid())) {
            throw ApiErrors.conflict(type.groupResource(), meta.name(), "Precondition failed: UID in precondition: "
                    + options.preconditionUid() + ", UID in object meta: " + meta.uid());
        }
        if (options.preconditionResourceVersion() != null
                && !options.preconditionResourceVersion().equals(meta.resourceVersion())) {
            throw ApiErrors.conflict(type.groupResource(), meta.name(),
                    "Precondition failed: ResourceVersion in precondition: " + options.preconditionResourceVersion()
                            + ", ResourceVersion in object meta: " + meta.resourceVersion());
        }
    }

    /** Deletes the key if unchanged since {@code current}; returns the object with the deletion's revision. */
    private T remove(String key, KeyValue current, T last) {
        TxnResponse r = etcd.txn(TxnRequest.when(Compare.modRevision(key, Compare.Result.EQUAL, current.modRevision()),
                DeleteRangeRequest.key(key)));
        if (!r.succeeded()) {
            throw ApiErrors.staleUpdate(type.groupResource(), last.metadata().name());
        }
        return withMeta(last, last.metadata().withResourceVersion(Long.toString(r.headerRevision())));
    }

    private T writeStamped(String key, KeyValue current, T obj, String name) {
        T stored = stamp(obj);
        write(key, current.modRevision(), stored, name);
        return stored;
    }

    private void write(String key, long expectedModRevision, T stored, String name) {
        TxnResponse r = etcd.txn(TxnRequest.when(Compare.modRevision(key, Compare.Result.EQUAL, expectedModRevision),
                PutRequest.of(key, new StoredObject(stored))));
        if (!r.succeeded()) {
            throw ApiErrors.staleUpdate(type.groupResource(), name);
        }
        checkRevision(stored, r.headerRevision());
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The object as it will be stored by the next write: resourceVersion = current revision + 1. */
    private T stamp(T obj) {
        return withMeta(obj, obj.metadata().withResourceVersion(Long.toString(etcd.revision() + 1)));
    }

    private static void checkRevision(KubeObject stored, long written) {
        if (!Long.toString(written).equals(stored.metadata().resourceVersion())) {
            throw new IllegalStateException("object stamped with resourceVersion " + stored.metadata().resourceVersion()
                    + " was written at revision " + written + ": the store was written from elsewhere meanwhile");
        }
    }

    private void validate(T obj, List<StatusCause> causes) {
        if (!causes.isEmpty()) {
            throw ApiErrors.invalid(type.groupKind(), obj.metadata().name(), causes);
        }
    }

    private KeyValue currentKv(String key) {
        RangeResponse r = etcd.range(RangeRequest.key(key));
        return r.kvs().isEmpty() ? null : r.kvs().get(0);
    }

    private T read(String key) {
        KeyValue kv = currentKv(key);
        return kv == null ? null : decode(kv);
    }

    T decode(KeyValue kv) {
        if (kv.value() instanceof StoredObject so) {
            return type.cast(so.object());
        }
        throw new IllegalStateException(kv.key() + " holds a value the API server did not write");
    }

    @SuppressWarnings("unchecked")
    T withMeta(T obj, ObjectMeta meta) {
        return (T) obj.withMetadata(meta);
    }

    /** Kubernetes times have second precision. */
    private Instant now() {
        return kernel.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
