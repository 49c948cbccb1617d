package io.ksim.apiserver.patch;

/**
 * A patch that cannot be applied or computed, with upstream's message. {@link #kind()} says how the API
 * server answers it, as kube-apiserver's patch handler sorts the errors of its libraries:
 *
 * <ul>
 *   <li>{@link Kind#BAD_REQUEST}: 400 BadRequest. A JSON patch that does not decode, a merge patch that
 *       is not an object, a strategic merge patch with a malformed {@code $deleteFromPrimitiveList},
 *       {@code $retainKeys} or {@code $setElementOrder} directive.</li>
 *   <li>{@link Kind#UNPROCESSABLE_ENTITY}: 422. A JSON patch operation that does not apply
 *       ({@code testing value /x failed: test failed}), a list of lists in a strategic merge patch.</li>
 *   <li>{@link Kind#UNKNOWN}: 500 with reason Unknown and the message as is: every other strategic merge
 *       patch error ({@code map: map[value:b] does not contain declared merge key: name}), which
 *       upstream passes on untranslated.</li>
 *   <li>{@link Kind#CONFLICT}: only from a three-way merge without overwrite (client side, kubectl).</li>
 * </ul>
 */
public class PatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The class of failure. */
    public enum Kind { BAD_REQUEST, UNPROCESSABLE_ENTITY, UNKNOWN, CONFLICT }

    private final Kind kind;

    public PatchException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static PatchException badRequest(String message) {
        return new PatchException(Kind.BAD_REQUEST, message);
    }

    static PatchException unprocessable(String message) {
        return new PatchException(Kind.UNPROCESSABLE_ENTITY, message);
    }

    static PatchException unknown(String message) {
        return new PatchException(Kind.UNKNOWN, message);
    }
}
